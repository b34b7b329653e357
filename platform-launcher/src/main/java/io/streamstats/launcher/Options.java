package io.streamstats.launcher;

import java.nio.file.Path;

/** Command-line options of the launcher. */
record Options(boolean once, int userPort, int streamingPort, long rows, Path home, boolean help,
               boolean benchPlayback, int clients, int pairs, int warmupPairs, boolean benchLogin, int floodRate,
               int phaseSeconds, boolean loginLimitsOff, int resettleSeconds) {

    static final String USAGE = """
            Usage: ./platform [--once] [--rows N] [--user-port P] [--streaming-port P] [--home DIR] [--resettle-every S]
                              [--rebuild]

            Starts the database (PLATFORM_DB_URL if set, else MySQL 8.4 in Docker if available, else an embedded
            MariaDB; its databases platform_users and platform_streaming are re-created), starts user-service and
            streaming-service (migrations run at their start), plays a short scenario through the API, loads a
            generated day of watch history, settles it with settlement-batch, prints the Top 5 and the creator's
            settlement, and keeps the services up until Ctrl-C.
              --once              stop everything and exit 0 once the platform is up
              --rows N            watch-history rows to generate for the demo day (default 1000000)
              --user-port P       user-service HTTP port (default 8081)
              --streaming-port P  streaming-service HTTP port (default 8082)
              --home DIR          the project checkout holding the built services (default: current directory)
              --rebuild           (./platform) build even when nothing changed since its last build
              --resettle-every S  while the platform stays up, settle today again every S seconds when plays or
                                  pauses were answered since the last settle, so the reports show them
                                  (default 30; 0: never, today keeps the figures it was settled with at start)
              --bench-playback    benchmark: drive play+pause pairs against streaming-service, print pairs/s,
                                  p50/p99 latency and errors, then stop everything
              --clients N         concurrent clients of the benchmark (default 64)
              --pairs N           play+pause pairs of the benchmark (default 60000)
              --warmup N          play+pause pairs run first and not measured, so the JIT has compiled the
                                  hot path (default 10000; 0 measures a cold service)
              --bench-login       load test: a real user logs in every 200 ms, first alone, then while a flood of
                                  wrong logins comes from another address (127.0.0.2); prints the real user's
                                  p50/p99 both times and the flood's 401s and 429s, then stops everything
              --flood-rate N      wrong logins per second of the flood (default 100)
              --seconds N         length of each of the two phases (default 20)
              --login-limits-off  start user-service with its login limits off, to see the flood unchecked
            """;

    static Options parse(String[] args) {
        boolean once = false;
        boolean help = false;
        int userPort = 8081;
        int streamingPort = 8082;
        long rows = 1_000_000;
        Path home = Path.of(".");
        boolean benchPlayback = false;
        int clients = 64;
        int pairs = 60_000;
        int warmupPairs = 10_000;
        boolean benchLogin = false;
        int floodRate = 100;
        int phaseSeconds = 20;
        boolean loginLimitsOff = false;
        int resettleSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--once" -> once = true;
                case "--help", "-h" -> help = true;
                case "--rows" -> rows = positive(args, ++i, "--rows");
                case "--user-port" -> userPort = port(args, ++i, "--user-port");
                case "--streaming-port" -> streamingPort = port(args, ++i, "--streaming-port");
                case "--home" -> home = Path.of(value(args, ++i, "--home"));
                case "--bench-playback" -> benchPlayback = true;
                case "--clients" -> clients = (int) Math.max(1, positive(args, ++i, "--clients"));
                case "--pairs" -> pairs = (int) Math.max(1, positive(args, ++i, "--pairs"));
                case "--warmup" -> warmupPairs = (int) positive(args, ++i, "--warmup");
                case "--bench-login" -> benchLogin = true;
                case "--flood-rate" -> floodRate = (int) Math.max(1, positive(args, ++i, "--flood-rate"));
                case "--seconds" -> phaseSeconds = (int) Math.max(1, positive(args, ++i, "--seconds"));
                case "--login-limits-off" -> loginLimitsOff = true;
                case "--resettle-every" -> resettleSeconds = (int) Math.min(86_400, positive(args, ++i, "--resettle-every"));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (userPort == streamingPort) {
            throw new IllegalArgumentException("--user-port and --streaming-port must differ");
        }
        return new Options(once, userPort, streamingPort, rows, home, help, benchPlayback, clients, pairs, warmupPairs,
                benchLogin, floodRate, phaseSeconds, loginLimitsOff, resettleSeconds);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long positive(String[] args, int i, String option) {
        try {
            long v = Long.parseLong(value(args, i, option).replace("_", ""));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number >= 0");
        }
    }

    private static int port(String[] args, int i, String option) {
        long p = positive(args, i, option);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(option + " must be a port between 1 and 65535");
        }
        return (int) p;
    }
}

package io.streamstats.launcher;

/** Console output of the launcher: steps, results, tables. */
final class Progress {

    private Progress() {
    }

    static void step(String what) {
        System.out.print("==> " + what + " ... ");
        System.out.flush();
    }

    static void done(String result) {
        System.out.println(result);
    }

    static void info(String line) {
        System.out.println(line);
    }
}

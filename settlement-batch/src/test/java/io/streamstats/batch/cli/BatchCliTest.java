package io.streamstats.batch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.batch.support.CliRun;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The production command line: generated help naming only the production commands, and exit code 2 with the reason
 * for every bad argument, before any job or lock.
 */
@QuarkusTest
class BatchCliTest {

    @Inject
    BatchMain cli;

    private CliRun run(String... args) {
        return CliRun.of(cli, args);
    }

    @Test
    void helpIsGeneratedAndNamesOnlyTheProductionCommands() {
        CliRun help = run("--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("settle"), help.out());
        assertTrue(help.out().contains("settle is the default"), help.out());
        assertTrue(help.out().contains("Exit codes: 0 done, 1 the job did not complete, 2 bad arguments"), help.out());
        // the generator and the benchmark are settlement-bench's, not the production image's
        assertFalse(help.out().contains("generate"), help.out());
        assertFalse(help.out().contains("bench"), help.out());

        CliRun settle = run("settle", "--help");
        assertEquals(0, settle.exit(), settle.err());
        assertTrue(help.out().contains("4 a date is not over yet"), help.out());
        for (String option : new String[] {"--date=YYYY-MM-DD", "--from=YYYY-MM-DD", "--to=YYYY-MM-DD",
                "--allow-open-day"}) {
            assertTrue(settle.out().contains(option), settle.out());
        }
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        // settle is the default command: options without one are its own (DESIGN §5's `settlement-batch --date D`)
        assertBad(run("--date", "2026-02-30"), "must be a date as YYYY-MM-DD, not 2026-02-30");
        assertBad(run("--from", "2026-01-02", "--to", "2026-01-01"), "--to 2026-01-01 is before --from 2026-01-02");
        assertBad(run("--day", "2026-01-01"), "Unknown options: '--day'");
        assertBad(run("generate", "--date", "2026-01-01", "--rows", "1"), "Unmatched argument");
        assertBad(run("bench", "--date", "2026-01-01"), "Unmatched argument");
        assertBad(run("settle", "--date", "2026-02-30"), "must be a date as YYYY-MM-DD, not 2026-02-30");
        assertBad(run("settle", "--date", "2026-01-01", "--from", "2026-01-01", "--to", "2026-01-02"),
                "Give either --date or --from and --to");
        assertBad(run("settle", "--from", "2026-01-01"), "--to YYYY-MM-DD is required");
        assertBad(run("settle", "--to", "2026-01-01"), "--from YYYY-MM-DD is required");
        assertBad(run("settle", "--from", "2026-01-02", "--to", "2026-01-01"), "--to 2026-01-01 is before --from 2026-01-02");
        assertBad(run("settle", "--day", "2026-01-01"), "Unknown options: '--day'");
        assertBad(run("settle", "--date"), "Missing required parameter for option '--date'");
    }

    private static void assertBad(CliRun run, String reason) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains(reason), "expected '" + reason + "' in: " + run.err());
        assertTrue(run.err().contains("Usage: settlement-batch"), run.err());
    }
}

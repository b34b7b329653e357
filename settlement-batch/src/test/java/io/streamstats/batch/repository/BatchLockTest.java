package io.streamstats.batch.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The run lock outlasts the server's idle timeout: its connection is idle for as long as the run works. */
class BatchLockTest {

    static final String DATABASE = "batch_lock_test";

    @Test
    void theLockIsKeptWhileItsConnectionIsIdleLongerThanTheServersTimeout() throws Exception {
        DatabaseServer server = DatabaseSwitch.server();
        server.recreateDatabase(DATABASE);
        // a server whose idle timeout is 2 s (wait_timeout, given to the session as the server's default would be)
        String url = server.jdbcUrl(DATABASE) + "&sessionVariables=wait_timeout=2";
        try (Connection run = DriverManager.getConnection(url, server.username(), server.password());
             Connection other = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.username(),
                     server.password())) {
            assertTrue(BatchLock.acquire(run, 0));
            Thread.sleep(3_500);
            assertFalse(BatchLock.acquire(other, 0), "a second run took the lock while the first still worked");
            BatchLock.release(run);
            assertTrue(BatchLock.acquire(other, 0));
            BatchLock.release(other);
        }
    }
}

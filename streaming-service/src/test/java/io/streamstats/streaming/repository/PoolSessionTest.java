package io.streamstats.streaming.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every connection of the primary pool has the session the write path relies on (application.properties: lock waits
 * of 5 s for rows and 2 s in tests, 10 s in production, for tables), also after the migrations ran at start through
 * the same pool: V14 sets lock_wait_timeout and puts back the server's default on its connection, which would
 * otherwise stay in the pool with a year's wait.
 */
@QuarkusTest
class PoolSessionTest {

    @Inject
    AgroalDataSource db;

    @Test
    void everyPooledConnectionHasTheConfiguredLockWaits() throws Exception {
        int size = db.getConfiguration().connectionPoolConfiguration().maxSize();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                held.add(db.getConnection());
            }
            for (Connection c : held) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT @@SESSION.lock_wait_timeout, @@SESSION.innodb_lock_wait_timeout")) {
                    assertTrue(rs.next());
                    assertEquals(List.of(2L, 5L), List.of(rs.getLong(1), rs.getLong(2)), "connection " + held.indexOf(c));
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }
}

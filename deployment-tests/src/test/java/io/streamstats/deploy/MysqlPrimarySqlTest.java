package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamstats.devkit.DatabaseServer;
import io.streamstats.devkit.DatabaseSwitch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary's users, databases and grants (primary-init.sh portable_setup_sql) against the test database server
 * (the project's database switch: {@code PLATFORM_DB_URL}, else MySQL 8.4 through Testcontainers, else an embedded
 * MariaDB): they run twice without error, the users log in with passwords holding quotes and backslashes, a rotated
 * password replaces the old one. The clone donor's grant (mysql_only_setup_sql: BACKUP_ADMIN) is MySQL's alone:
 * MySQL takes it and MariaDB refuses it; only the kind workflow, where a replica seeds itself with CLONE INSTANCE,
 * proves it together with the clone plugin and replication.
 * The script names two server-wide accounts, repl@% and clone@%: the test refuses to run on a server that already
 * has them (it would change their passwords), and drops them afterwards.
 */
class MysqlPrimarySqlTest {

    static final String APP_PASSWORD = "p'a\\ss\"w0rd;--";
    static final String REPLICATION_PASSWORD = "r'e\\pl`$x";

    static DatabaseServer server;

    @TempDir
    Path dir;
    Path scripts;
    String suffix;
    Map<String, String> env;

    @BeforeAll
    static void server() throws Exception {
        server = DatabaseSwitch.server();
        Out existing = sql(server.username(), server.password(),
                "SELECT COUNT(*) FROM mysql.user WHERE User IN ('repl', 'clone') AND Host = '%'");
        assertEquals(new Out(0, "0\n"), existing, "the server " + server.baseUrl() + " already has repl@% or clone@%,"
                + " whose passwords this test would change: use a test server without them (drop them if an"
                + " interrupted run of this test left them)");
    }

    @BeforeEach
    void setUp() throws IOException {
        scripts = Files.createDirectories(dir.resolve("scripts"));
        for (var file : MysqlScriptsTest.renderedScripts().entrySet()) {
            Files.writeString(scripts.resolve(file.getKey()), file.getValue());
        }
        suffix = UUID.randomUUID().toString().substring(0, 8);
        env = Map.of("APP_USER", "sp_app_" + suffix, "USERS_DATABASE", "sp_users_" + suffix,
                "STREAMING_DATABASE", "sp_streaming_" + suffix, "APP_PASSWORD", APP_PASSWORD,
                "REPLICATION_PASSWORD", REPLICATION_PASSWORD);
    }

    @AfterEach
    void dropEverything() throws Exception {
        Out dropped = admin("DROP USER IF EXISTS 'sp_app_" + suffix + "'@'%', 'repl'@'%', 'clone'@'%';"
                + "DROP DATABASE IF EXISTS sp_users_" + suffix + "; DROP DATABASE IF EXISTS sp_streaming_" + suffix + ";");
        assertEquals(0, dropped.exit(), dropped.text());
    }

    /** What a batch of statements did: exit 0 and the rows of the last result, or 1 and the server's message. */
    record Out(int exit, String text) {
    }

    /** Output of a function of primary-init.sh (sourced, so main does not run). */
    String script(String function, Map<String, String> overrides) throws Exception {
        var pb = new ProcessBuilder("bash", "-c", "source \"$1\"; " + function, "bash",
                scripts.resolve("primary-init.sh").toString());
        pb.environment().put("SCRIPTS_DIR", scripts.toString());
        pb.environment().putAll(env);
        pb.environment().putAll(overrides);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        return out;
    }

    static Out admin(String statements) throws Exception {
        return sql(server.username(), server.password(), statements);
    }

    /** Runs the statements as one batch (as the mysql client runs the script's output) as the given account. */
    static Out sql(String user, String password, String statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server.serverUrl() + "&allowMultiQueries=true", user, password);
             Statement s = c.createStatement()) {
            StringBuilder rows = new StringBuilder();
            boolean isResult = s.execute(statements);
            while (true) {
                if (isResult) {
                    rows.setLength(0);
                    try (ResultSet r = s.getResultSet()) {
                        while (r.next()) {
                            rows.append(r.getString(1)).append('\n');
                        }
                    }
                } else if (s.getUpdateCount() == -1) {
                    return new Out(0, rows.toString());
                }
                isResult = s.getMoreResults();
            }
        } catch (SQLException e) {
            return new Out(1, e.getMessage());
        }
    }

    static boolean mariadb() throws Exception {
        Out version = admin("SELECT VERSION()");
        assertEquals(0, version.exit(), version.text());
        return version.text().contains("MariaDB");
    }

    @Test
    void setupRunsTwiceAndTheUsersLogIn() throws Exception {
        String setup = script("portable_setup_sql", Map.of());
        Out first = admin(setup);
        assertEquals(0, first.exit(), first.text());
        Out again = admin(setup);
        assertEquals(0, again.exit(), "idempotent: " + again.text());

        String app = "sp_app_" + suffix;
        Out login = sql(app, APP_PASSWORD, "CREATE TABLE sp_users_" + suffix + ".t (id INT);"
                + "INSERT INTO sp_streaming_" + suffix + ".t2 SELECT 1 FROM DUAL WHERE 0;");
        assertTrue(login.text().contains("t2' doesn't exist"), "logged in and may use both databases: " + login.text());
        assertEquals(0, sql(app, APP_PASSWORD, "SELECT COUNT(*) FROM sp_users_" + suffix + ".t").exit());
        assertNotEquals(0, sql(app, APP_PASSWORD, "CREATE DATABASE sp_other_" + suffix).exit(), "no more than its databases");

        assertEquals(0, sql("repl", REPLICATION_PASSWORD, "SELECT 1").exit());
        assertEquals(0, sql("clone", REPLICATION_PASSWORD, "SELECT 1").exit());
        String grants = admin("SHOW GRANTS FOR 'repl'@'%'").text();
        assertTrue(grants.contains("GRANT REPLICATION SLAVE ON *.* TO `repl`@`%`"), grants);

        // a rotated password in the Secret replaces the old one on the next start
        assertEquals(0, admin(script("portable_setup_sql", Map.of("APP_PASSWORD", "rotated"))).exit());
        assertNotEquals(0, sql(app, APP_PASSWORD, "SELECT 1").exit());
        assertEquals(0, sql(app, "rotated", "SELECT 1").exit());
    }

    @Test
    void cloneGrantIsMysqlOnly() throws Exception {
        assertEquals(0, admin(script("portable_setup_sql", Map.of())).exit());
        String mysqlOnly = script("mysql_only_setup_sql", Map.of());
        assertEquals("GRANT BACKUP_ADMIN ON *.* TO 'clone'@'%';\n", mysqlOnly);
        Out granted = admin(mysqlOnly);
        if (mariadb()) {
            assertNotEquals(0, granted.exit(), "MariaDB has no BACKUP_ADMIN");
        } else {
            assertEquals(0, granted.exit(), "MySQL grants BACKUP_ADMIN: " + granted.text());
            assertTrue(admin("SHOW GRANTS FOR 'clone'@'%'").text().contains("BACKUP_ADMIN"));
        }
    }

    /** Seeded: passwords put into SQL without escaping break the statements (or worse). */
    @Test
    void seededUnescapedPasswordsAreCaught() throws Exception {
        Path lib = scripts.resolve("lib.sh");
        String original = Files.readString(lib);
        String broken = original.replace("  local s=${1//\\\\/\\\\\\\\}\n  s=${s//\\'/\\\\\\'}\n", "  local s=$1\n");
        assertNotEquals(original, broken, "sql_string found");
        Files.writeString(lib, broken);
        assertNotEquals(0, admin(script("portable_setup_sql", Map.of())).exit());
    }
}

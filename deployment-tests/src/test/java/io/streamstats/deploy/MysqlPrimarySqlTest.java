package io.streamstats.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary's users, databases and grants (primary-init.sh portable_setup_sql) against the MariaDB 10.11 on
 * 127.0.0.1:3306 (root, no password; the mariadb client must be installed): they run twice without error, the users
 * log in with passwords holding quotes and backslashes, a rotated password replaces the old one. The clone donor's
 * grant (mysql_only_setup_sql: BACKUP_ADMIN) is MySQL's alone; MariaDB refuses it, and only the kind workflow, where
 * a replica seeds itself with CLONE INSTANCE, proves it together with the clone plugin and replication.
 * Creates the users repl@% and clone@% on that server and drops them afterwards.
 */
class MysqlPrimarySqlTest {

    static final String APP_PASSWORD = "p'a\\ss\"w0rd;--";
    static final String REPLICATION_PASSWORD = "r'e\\pl`$x";

    @TempDir
    Path dir;
    Path scripts;
    String suffix;
    Map<String, String> env;

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
        mariadb("root", "", "DROP USER IF EXISTS 'sp_app_" + suffix + "'@'%', 'repl'@'%', 'clone'@'%';"
                + "DROP DATABASE IF EXISTS sp_users_" + suffix + "; DROP DATABASE IF EXISTS sp_streaming_" + suffix + ";");
    }

    record Out(int exit, String text) {
    }

    /** Output of a function of primary-init.sh (sourced, so main does not run). */
    String sql(String function, Map<String, String> overrides) throws Exception {
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

    static Out mariadb(String user, String password, String sql) throws Exception {
        Process p;
        try {
            var pb = new ProcessBuilder("mariadb", "--protocol=TCP", "-h127.0.0.1", "-P3306", "-u" + user,
                    "--batch", "--skip-column-names").redirectErrorStream(true);
            pb.environment().put("MYSQL_PWD", password);
            p = pb.start();
        } catch (IOException e) {
            fail("the mariadb client is needed (apt-get install mariadb-client): " + e.getMessage());
            throw e;
        }
        try (var in = p.getOutputStream()) {
            in.write(sql.getBytes());
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Out(p.exitValue(), out);
    }

    @Test
    void setupRunsTwiceAndTheUsersLogIn() throws Exception {
        String setup = sql("portable_setup_sql", Map.of());
        assertEquals(0, mariadb("root", "", setup).exit(), mariadb("root", "", setup).text());
        Out again = mariadb("root", "", setup);
        assertEquals(0, again.exit(), "idempotent: " + again.text());

        String app = "sp_app_" + suffix;
        Out login = mariadb(app, APP_PASSWORD, "CREATE TABLE sp_users_" + suffix + ".t (id INT);"
                + "INSERT INTO sp_streaming_" + suffix + ".t2 SELECT 1 FROM DUAL WHERE 0;");
        assertTrue(login.text().contains("t2' doesn't exist"), "logged in and may use both databases: " + login.text());
        assertEquals(0, mariadb(app, APP_PASSWORD, "SELECT COUNT(*) FROM sp_users_" + suffix + ".t").exit());
        assertNotEquals(0, mariadb(app, APP_PASSWORD, "CREATE DATABASE sp_other_" + suffix).exit(), "no more than its databases");

        assertEquals(0, mariadb("repl", REPLICATION_PASSWORD, "SELECT 1").exit());
        assertEquals(0, mariadb("clone", REPLICATION_PASSWORD, "SELECT 1").exit());
        String grants = mariadb("root", "", "SHOW GRANTS FOR 'repl'@'%'").text();
        assertTrue(grants.contains("GRANT REPLICATION SLAVE ON *.* TO `repl`@`%`"), grants);

        // a rotated password in the Secret replaces the old one on the next start
        assertEquals(0, mariadb("root", "", sql("portable_setup_sql", Map.of("APP_PASSWORD", "rotated"))).exit());
        assertNotEquals(0, mariadb(app, APP_PASSWORD, "SELECT 1").exit());
        assertEquals(0, mariadb(app, "rotated", "SELECT 1").exit());
    }

    @Test
    void cloneGrantIsMysqlOnly() throws Exception {
        assertEquals(0, mariadb("root", "", sql("portable_setup_sql", Map.of())).exit());
        String mysqlOnly = sql("mysql_only_setup_sql", Map.of());
        assertEquals("GRANT BACKUP_ADMIN ON *.* TO 'clone'@'%';\n", mysqlOnly);
        assertNotEquals(0, mariadb("root", "", mysqlOnly).exit(), "MariaDB has no BACKUP_ADMIN");
    }

    /** Seeded: passwords put into SQL without escaping break the statements (or worse). */
    @Test
    void seededUnescapedPasswordsAreCaught() throws Exception {
        Path lib = scripts.resolve("lib.sh");
        String original = Files.readString(lib);
        String broken = original.replace("  local s=${1//\\\\/\\\\\\\\}\n  s=${s//\\'/\\\\\\'}\n", "  local s=$1\n");
        assertNotEquals(original, broken, "sql_string found");
        Files.writeString(lib, broken);
        assertNotEquals(0, mariadb("root", "", sql("portable_setup_sql", Map.of())).exit());
    }
}

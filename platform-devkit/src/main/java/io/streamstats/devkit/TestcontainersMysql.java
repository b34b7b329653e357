package io.streamstats.devkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/** Kept apart so that Testcontainers classes load only when Docker is asked about. */
final class TestcontainersMysql {

    private TestcontainersMysql() {
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    static DatabaseServer start() {
        MySQLContainer container = new MySQLContainer(DatabaseSwitch.MYSQL_IMAGE)
                .withUsername("root")
                .withPassword("test")
                .withCommand("--local-infile=1", "--max-allowed-packet=64M");
        container.start();
        return new DatabaseServer("jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306),
                "root", "test", "testcontainers");
    }
}

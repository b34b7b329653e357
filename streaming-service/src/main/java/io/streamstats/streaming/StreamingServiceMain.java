package io.streamstats.streaming;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.streamstats.common.db.MigrateMode;
import io.streamstats.common.db.SchemaMigrations;
import jakarta.inject.Inject;

/** Serves as usual without arguments; {@code migrate} applies the schema migrations and exits ({@link MigrateMode}). */
@QuarkusMain
public class StreamingServiceMain implements QuarkusApplication {

    @Inject
    SchemaMigrations migrations;

    public static void main(String... args) {
        MigrateMode.prepare(args);
        Quarkus.run(StreamingServiceMain.class, args);
    }

    @Override
    public int run(String... args) {
        return MigrateMode.run(migrations, args);
    }
}

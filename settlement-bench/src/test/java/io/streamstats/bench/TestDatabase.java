package io.streamstats.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.streamstats.batch.support.BatchDatabase;
import io.streamstats.devkit.DatabaseSwitch;
import io.streamstats.devkit.DatabaseTestResource;
import java.util.Map;

/** This module's tests use their own database, {@code bench_test}, with streaming-service's schema. */
@QuarkusTestResource(value = TestDatabase.BenchDatabase.class, initArgs = @ResourceArg(name = "database", value = "bench_test"))
public class TestDatabase {

    /** A fresh {@code bench_test} migrated as the batch's test database is. */
    public static class BenchDatabase extends DatabaseTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = super.start();
            BatchDatabase.migrate(DatabaseSwitch.server(), "bench_test");
            return config;
        }
    }
}

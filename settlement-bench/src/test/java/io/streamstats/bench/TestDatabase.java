package io.streamstats.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.streamstats.batch.support.BatchDatabase;

/** This module's tests use their own database, {@code bench_test}, with streaming-service's schema. */
@QuarkusTestResource(value = BatchDatabase.class, initArgs = @ResourceArg(name = "database", value = "bench_test"))
public class TestDatabase {
}

package io.streamstats.batch.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** This module's tests use their own database, {@code batch_test}, with streaming-service's schema. */
@QuarkusTestResource(value = BatchDatabase.class, initArgs = @ResourceArg(name = "database", value = "batch_test"))
public class TestDatabase {
}

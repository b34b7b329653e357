package io.streamstats.batch.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.streamstats.devkit.DatabaseTestResource;

/** This module's tests use their own database, {@code batch_test}. */
@QuarkusTestResource(value = DatabaseTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "batch_test"))
public class TestDatabase {
}

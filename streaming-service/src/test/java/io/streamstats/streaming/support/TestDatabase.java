package io.streamstats.streaming.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.streamstats.devkit.DatabaseTestResource;

/**
 * This module's tests use their own database, {@code streaming_test} (the replica datasource reads the same one),
 * and the real user-service for tokens and logout.
 */
@QuarkusTestResource(value = DatabaseTestResource.class, initArgs = {
    @ResourceArg(name = "database", value = "streaming_test"),
    @ResourceArg(name = "datasources", value = "replica")})
@QuarkusTestResource(UserServiceTestResource.class)
public class TestDatabase {
}

package io.streamstats.streaming.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * This module's tests use their own database, {@code streaming_test} (the replica datasource reads the same one,
 * each through a gate a test can cut: {@link GatedDatabase}), and the real user-service for tokens and logout.
 */
@QuarkusTestResource(value = GatedDatabase.class, initArgs = {
    @ResourceArg(name = "database", value = "streaming_test")})
@QuarkusTestResource(UserServiceTestResource.class)
public class TestDatabase {
}

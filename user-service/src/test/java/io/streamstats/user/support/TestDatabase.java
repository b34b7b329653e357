package io.streamstats.user.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.streamstats.devkit.DatabaseTestResource;

/** Every test of this module runs against its own database, {@code users_test}, on the switched server. */
@QuarkusTestResource(value = DatabaseTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "users_test"))
public class TestDatabase {
}

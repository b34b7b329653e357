package io.streamstats.user.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.config.AuthConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasswordHasherTest {

    @Inject
    PasswordHasher hasher;

    @Inject
    AuthConfig config;

    // attack: the dummy hash for unknown emails was fixed at cost 10, so with any other cost an unknown email
    // answered faster (or slower) than a wrong password, revealing which emails have accounts
    @Test
    void dummyHashUsesTheConfiguredCost() {
        String cost = String.format("$%02d$", config.bcryptCost());
        assertEquals(cost, hasher.dummyHash().substring(3, 7), hasher.dummyHash());
        assertEquals(cost, hasher.hash("some-password").substring(3, 7));
    }
}

package io.streamstats.user.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.streamstats.user.rest.AuthJourneyTest;

/** The same journey against the packaged application (java -jar), not the test-mode one. */
@QuarkusIntegrationTest
class AuthJourneyIT extends AuthJourneyTest {
}

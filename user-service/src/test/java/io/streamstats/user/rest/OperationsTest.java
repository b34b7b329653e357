package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void healthIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** A database outage makes the pods NotReady, never gets them restarted: liveness holds no database check. */
    @Test
    void livenessHoldsNoDatabaseCheckReadinessDoes() {
        List<String> live = given().get("/q/health/live").then().statusCode(200).extract().path("checks.name");
        List<String> ready = given().get("/q/health/ready").then().statusCode(200).extract().path("checks.name");
        assertFalse(live.stream().anyMatch(OperationsTest::databaseCheck), live.toString());
        // the same test finds the database check where it belongs
        assertTrue(ready.stream().anyMatch(OperationsTest::databaseCheck), ready.toString());
    }

    static boolean databaseCheck(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("database") || lower.contains("datasource");
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentsEveryEndpointWithItsStatuses() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/users'.post.responses.'201'", notNullValue())
                .body("paths.'/api/users'.post.responses.'409'", notNullValue())
                .body("paths.'/api/auth/login'.post.responses.'401'", notNullValue())
                .body("paths.'/api/auth/refresh'.post.responses.'401'", notNullValue())
                .body("paths.'/api/auth/logout'.post.responses.'204'", notNullValue())
                .body("paths.'/api/users/me'.get.responses.'200'", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}

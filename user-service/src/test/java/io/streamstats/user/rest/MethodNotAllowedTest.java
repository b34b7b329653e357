package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A 405 names the methods the path has (RFC 9110 §15.5.6), besides its problem+json body. */
@QuarkusTest
class MethodNotAllowedTest {

    @Test
    void aPostOnlyPathNamesPost() {
        given().contentType("application/json").body("{}").put("/api/auth/login").then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "POST, OPTIONS")
                .body("detail", equalTo("This method is not allowed here"));
    }

    @Test
    void aGetPathNamesGetAndHeadAndAPathWithTwoMethodsBoth() {
        given().delete("/api/users/me").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().delete("/api/users").then().statusCode(405).header("Allow", "POST, OPTIONS");
    }

    /** OPTIONS names the same methods as the 405 (Quarkus REST's own answer lists every method of the class). */
    @Test
    void optionsNamesThePathsOwnMethods() {
        given().options("/api/users/me").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS");
        given().options("/api/auth/login").then().statusCode(200).header("Allow", "POST, OPTIONS");
        // a path under a resource class that no method has is no resource (Quarkus REST answered 200 and a list)
        given().options("/api/users/nope").then().statusCode(404).contentType("application/problem+json")
                .header("Allow", org.hamcrest.Matchers.nullValue());
    }
}

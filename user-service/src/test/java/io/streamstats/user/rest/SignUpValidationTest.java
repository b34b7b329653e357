package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamstats.user.support.Api;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignUpValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "email        | not-an-email        | s3cret-pass | Nick | VIEWER",
        "email        | a@b                 | s3cret-pass | Nick | VIEWER",
        "email        | ''                  | s3cret-pass | Nick | VIEWER",
        // addresses no mail reaches: an empty host label, a label starting with a hyphen, markup in the local part
        "email        | a@ex..com           | s3cret-pass | Nick | VIEWER",
        "email        | a@-ex.com           | s3cret-pass | Nick | VIEWER",
        "email        | a@ex-.com           | s3cret-pass | Nick | VIEWER",
        "email        | <script>@ex.com     | s3cret-pass | Nick | VIEWER",
        "email        | .a@ex.com           | s3cret-pass | Nick | VIEWER",
        "email        | a..b@ex.com         | s3cret-pass | Nick | VIEWER",
        "email        | a@ex.com.           | s3cret-pass | Nick | VIEWER",
        "password     | ok@example.com      | '        '  | Nick | VIEWER",
        "nickname     | ok@example.com      | s3cret-pass | 'Ad\u202Ea' | VIEWER",
        "password     | ok@example.com      | short       | Nick | VIEWER",
        "password     | ok@example.com      | 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | Nick | VIEWER",
        "nickname     | ok@example.com      | s3cret-pass | ''   | VIEWER",
        "nickname     | ok@example.com      | s3cret-pass | 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | VIEWER",
        "role         | ok@example.com      | s3cret-pass | Nick | ADMIN",
        "role         | ok@example.com      | s3cret-pass | Nick | viewer",
    })
    void invalidFieldIsNamed(String field, String email, String password, String nickname, String role) {
        Api.signUp(email, password, nickname, role).statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
    }

    // attack: passwords of ten NUL characters, a line break or only (no-break, ideographic) spaces were accepted
    @Test
    void passwordsWithControlCharactersAreRefused() {
        for (String password : java.util.List.of("\u0000".repeat(10), "pass\nword12", "\tpassword1",
                "\u00a0".repeat(8), "\u3000".repeat(8), " \u2003 \u00a0 \u3000  ")) {
            Api.signUp("ctl-" + System.nanoTime() + "@example.com", password, "Nick", "VIEWER").statusCode(400)
                    .body("violations.field", hasItem("password"));
        }
    }

    // what mail servers deliver stays accepted: plus tags, dots inside, digits, hyphens inside host labels, any script
    @Test
    void deliverableAddressesAreAccepted() {
        long id = System.nanoTime();
        for (String email : java.util.List.of("first.last+tag-" + id + "@mail-1.example.co.kr",
                "o'brien_" + id + "@example.com", "jos\u00e9-" + id + "@ex\u00e4mple.com",
                "\ud55c\uad6d-" + id + "@\uc608\uc2dc.kr")) {
            Api.signUp(email, "s3cret-pass", "Nick", "VIEWER").statusCode(201);
        }
    }

    @Test
    void boundaryLengthsAreAccepted() {
        Api.signUp(Api.uniqueEmail("len"), "12345678", "N", "VIEWER").statusCode(201);
        Api.signUp(Api.uniqueEmail("len"), "a".repeat(72), "n".repeat(30), "CREATOR").statusCode(201);
    }

    @Test
    void passwordOverSeventyTwoBytesIsRefused() {
        // 40 characters, 80 bytes: bcrypt would silently ignore the rest
        Api.signUp(Api.uniqueEmail("bytes"), "é".repeat(40), "N", "VIEWER").statusCode(400)
                .body("detail", containsString("72 bytes"));
    }

    @Test
    void missingFieldsAreNamed() {
        given().contentType(ContentType.JSON).body("{\"email\":\"x@example.com\"}").post("/api/users").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("password"))
                .body("violations.field", hasItem("nickname"))
                .body("violations.field", hasItem("role"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"email\":", "not json", "[1,2]", "\"string\"", "{\"email\": \"a@b.c\",}"})
    void malformedJsonIs400(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/users").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"email\": 5, \"password\": \"s3cret-pass\", \"nickname\": \"N\", \"role\": \"VIEWER\"}",
        "{\"email\": \"t@example.com\", \"password\": true, \"nickname\": \"N\", \"role\": \"VIEWER\"}",
        "{\"email\": \"t@example.com\", \"password\": \"s3cret-pass\", \"nickname\": [\"N\"], \"role\": \"VIEWER\"}",
        "{\"email\": \"t@example.com\", \"password\": \"s3cret-pass\", \"nickname\": {\"a\":1}, \"role\": \"VIEWER\"}",
    })
    void wrongTypesAre400(String body) {
        given().contentType(ContentType.JSON).body(body).post("/api/users").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("wrong type"));
    }

    @Test
    void emptyBodyIs400() {
        given().contentType(ContentType.JSON).post("/api/users").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("null").post("/api/auth/login").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType(ContentType.TEXT).body("hello").post("/api/users").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"email\":\"" + "a".repeat(64 * 1024) + "@example.com\"}";
        given().contentType(ContentType.JSON).body(huge).post("/api/users").then()
                .statusCode(413);
    }

    @Test
    void unknownPathIs404ProblemJson() {
        given().get("/api/users/nothing-here").then().statusCode(404);
    }

    @Test
    void loginAndRefreshValidateTheirBodies() {
        given().contentType(ContentType.JSON).body("{\"email\":\"\",\"password\":\"x\"}").post("/api/auth/login")
                .then().statusCode(400).body("violations.field", hasItem("email"));
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh")
                .then().statusCode(400).body("violations.field", hasItem("refreshToken"));
        given().contentType(ContentType.JSON).body("{\"refreshToken\": 12}").post("/api/auth/refresh")
                .then().statusCode(400);
    }
}

package io.streamstats.user.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;

/** The HTTP calls tests make, over a real socket. */
public final class Api {

    public static final String PASSWORD = "s3cret-password";

    private Api() {
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static ValidatableResponse signUp(String email, String password, String nickname, String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "nickname", nickname, "role", role))
                .post("/api/users").then();
    }

    public static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login").then();
    }

    /** Signs up and logs in; returns {accessToken, refreshToken}. */
    public static Tokens newUser(String role) {
        String email = uniqueEmail(role.toLowerCase());
        signUp(email, PASSWORD, "nick", role).statusCode(201);
        var body = login(email, PASSWORD).statusCode(200).extract().jsonPath();
        return new Tokens(email, body.getString("accessToken"), body.getString("refreshToken"));
    }

    public static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh").then();
    }

    public static ValidatableResponse me(String accessToken) {
        return given().auth().oauth2(accessToken).get("/api/users/me").then();
    }

    public static ValidatableResponse logout(String accessToken) {
        return given().auth().oauth2(accessToken).post("/api/auth/logout").then();
    }

    public record Tokens(String email, String accessToken, String refreshToken) {
    }
}

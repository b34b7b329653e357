package io.streamstats.streaming.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Real users from the real user-service: sign up, log in, log out. */
public final class Users {

    private Users() {
    }

    public record User(long id, String role, String accessToken) {
    }

    public static String userServiceUrl() {
        return ConfigProvider.getConfig().getValue("test.user-service-url", String.class);
    }

    public static User create(String role) {
        return create(userServiceUrl(), role);
    }

    public static User create(String baseUrl, String role) {
        String email = role.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        long id = ((Number) given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "s3cret-password", "nickname", "n", "role", role))
                .post("/api/users").then().statusCode(201).extract().path("id")).longValue();
        String token = given().baseUri(baseUrl).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "s3cret-password"))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
        return new User(id, role, token);
    }

    public static void logout(User user) {
        given().baseUri(userServiceUrl()).auth().oauth2(user.accessToken()).post("/api/auth/logout")
                .then().statusCode(204);
    }
}

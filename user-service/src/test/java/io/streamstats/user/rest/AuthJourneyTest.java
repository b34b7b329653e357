package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static io.streamstats.user.support.Api.PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamstats.user.support.Api;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class AuthJourneyTest {

    @Test
    public void signUpLoginMeRefreshLogout() {
        String email = Api.uniqueEmail("journey");
        int id = Api.signUp(email, PASSWORD, "Journey", "CREATOR").statusCode(201)
                .body("email", equalTo(email))
                .body("nickname", equalTo("Journey"))
                .body("role", equalTo("CREATOR"))
                .body("password", equalTo(null))
                .extract().path("id");

        var tokens = Api.login(email, PASSWORD).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("expiresIn", equalTo(900))
                .body("tokenType", equalTo("Bearer"))
                .body("refreshToken", notNullValue())
                .extract().jsonPath();
        String access = tokens.getString("accessToken");
        String refresh = tokens.getString("refreshToken");

        Api.me(access).statusCode(200).body("id", equalTo(id)).body("email", equalTo(email))
                .body("role", equalTo("CREATOR"));

        var rotated = Api.refresh(refresh).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("refreshToken", not(equalTo(refresh)))
                .extract().jsonPath();
        String access2 = rotated.getString("accessToken");
        String refresh2 = rotated.getString("refreshToken");
        Api.me(access2).statusCode(200).body("id", equalTo(id));

        // the old refresh token stops working: presented again within the grace (10 s: a racing request, a retry) it
        // is refused and the session goes on; after the grace it ends the whole session (RefreshGraceTest steps the
        // clock across it)
        Api.refresh(refresh).statusCode(401).body("detail", containsString("already used"));
        Api.refresh(refresh2).statusCode(200);
        Api.me(access2).statusCode(200);

        // a new login is a new session; logout ends it for both tokens
        var second = Api.login(email, PASSWORD).statusCode(200).extract().jsonPath();
        String access3 = second.getString("accessToken");
        Api.me(access3).statusCode(200);
        Api.logout(access3).statusCode(204);
        Api.me(access3).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
        Api.logout(access3).statusCode(401);
        Api.refresh(second.getString("refreshToken")).statusCode(401)
                .body("detail", containsString("ended"));
    }

    @Test
    public void loginFailuresLookTheSame() {
        String email = Api.uniqueEmail("login");
        Api.signUp(email, PASSWORD, "L", "VIEWER").statusCode(201);
        String wrongPassword = Api.login(email, "not-the-password").statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        String unknownEmail = Api.login(Api.uniqueEmail("nobody"), PASSWORD).statusCode(401)
                .contentType("application/problem+json").extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(wrongPassword, unknownEmail);
        org.junit.jupiter.api.Assertions.assertEquals("Email or password is wrong", wrongPassword);
    }

    @Test
    public void emailIsCaseInsensitive() {
        String email = Api.uniqueEmail("case");
        Api.signUp(email, PASSWORD, "Case", "VIEWER").statusCode(201);
        Api.signUp(email.toUpperCase(), PASSWORD, "Case", "VIEWER").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("An account with this email already exists"));
        Api.login(email.toUpperCase(), PASSWORD).statusCode(200).body("expiresIn", greaterThan(0));
    }

    // attack: bcrypt reads only 72 bytes, so any password sharing the first 72 bytes logged in
    @Test
    public void loginRefusesPasswordsLongerThanBcryptReads() {
        String email = Api.uniqueEmail("long");
        String password = "p".repeat(72);
        Api.signUp(email, password, "L", "VIEWER").statusCode(201);
        Api.login(email, password).statusCode(200);
        Api.login(email, password + "anything").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("72 bytes"));
        Api.login(Api.uniqueEmail("nobody"), password + "x").statusCode(400);
    }

    // attack: the password is hashed in its NFKC form, where U+FDFA is 18 letters: 19 bytes as typed, 109 hashed,
    // so bcrypt cut it and "\uFDFA\uFDFA\uFDFA" followed by anything logged in
    @Test
    public void theLengthIsMeasuredInTheFormThePasswordIsHashedIn() {
        String email = Api.uniqueEmail("nfkc");
        Api.signUp(email, "\uFDFA\uFDFA\uFDFASECRETPART", "N", "VIEWER").statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("NFKC"));
        Api.login(email, "\uFDFA\uFDFA\uFDFA").statusCode(400).body("detail", containsString("72 bytes"));
        // compatibility forms are one password with their plain forms (NIST SP 800-63B's normalization)
        Api.signUp(email, "Passw0rd!123", "N", "VIEWER").statusCode(201);
        Api.login(email, "\uFF30assw0rd!123").statusCode(200);
        // a lone surrogate is no typed password: refused, not read as '?'
        String question = Api.uniqueEmail("q");
        Api.signUp(question, "?abcdefgh1", "N", "VIEWER").statusCode(201);
        // the JSON escape as a client sends it, so that the lone surrogate reaches the server as one
        given().contentType(ContentType.JSON).body("{\"email\": \"" + question + "\", \"password\": \"\\udc00abcdefgh1\"}")
                .post("/api/auth/login").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("surrogate"));
        Api.login(question, "?abcdefgh1").statusCode(200);
        Api.login(question, "\uD83D\uDE00abcdefgh1").statusCode(401);
    }

    @Test
    public void unknownRefreshTokenIsRejected() {
        Api.refresh("no-such-token").statusCode(401).contentType("application/problem+json");
    }
}

package io.streamstats.user.rest;

import static io.streamstats.user.support.Api.PASSWORD;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.user.support.Api;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Emails are compared byte for byte on one normal form (trimmed, NFC, lower-cased); compatibility characters are
 * refused. Each test replays a lookalike that the accent-, width- and ß-insensitive collation let into another
 * account or blocked a distinct address.
 */
@QuarkusTest
class EmailNormalFormTest {

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void accentedAndPlainAddressesAreDifferentAccounts() {
        String id = unique();
        String accented = "jos\u00e9-" + id + "@example.com";
        String plain = "jose-" + id + "@example.com";
        Api.signUp(accented, PASSWORD, "J", "VIEWER").statusCode(201).body("email", equalTo(accented));
        Api.login(plain, PASSWORD).statusCode(401); // jose@ no longer logs into josé@'s account
        Api.signUp(plain, PASSWORD, "J", "VIEWER").statusCode(201);
        Api.login(accented, PASSWORD).statusCode(200);
    }

    @Test
    void sharpSAndDoubleSAreDifferentAccounts() {
        String id = unique();
        String sharp = "stra\u00dfe-" + id + "@example.com";
        String doubleS = "strasse-" + id + "@example.com";
        Api.signUp(sharp, PASSWORD, "S", "VIEWER").statusCode(201);
        Api.login(doubleS, PASSWORD).statusCode(401);
        Api.signUp(doubleS, PASSWORD, "S", "VIEWER").statusCode(201);
        // the capital sharp s lower-cases to ß: the same address
        Api.login("STRA\u1e9eE-" + id.toUpperCase() + "@EXAMPLE.COM", PASSWORD).statusCode(200);
    }

    @Test
    void fullwidthLettersAreRefused() {
        String id = unique();
        Api.signUp("jose-" + id + "@example.com", PASSWORD, "F", "VIEWER").statusCode(201);
        String fullwidth = "\uff4a\uff4f\uff53\uff45-" + id + "@example.com"; // ｊｏｓｅ
        Api.signUp(fullwidth, PASSWORD, "F", "VIEWER").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("email"))
                .body("violations.message", hasItem(containsString("compatibility characters")));
        Api.login(fullwidth, PASSWORD).statusCode(400).contentType("application/problem+json");
    }

    @Test
    void kelvinSignIsRefused() {
        String id = unique();
        Api.signUp("kelvin-" + id + "@example.com", PASSWORD, "K", "VIEWER").statusCode(201);
        String kelvinSign = "\u212aelvin-" + id + "@example.com"; // K (U+212A) lower-cases to k
        Api.signUp(kelvinSign, PASSWORD, "K", "VIEWER").statusCode(400).body("violations.field", hasItem("email"));
        Api.login(kelvinSign, PASSWORD).statusCode(400);
    }

    @Test
    void decomposedAccentIsTheSameAddressAsComposed() {
        String id = unique();
        String composed = "ren\u00e9e-" + id + "@example.com";
        String decomposed = "rene\u0301e-" + id + "@example.com";
        Api.signUp(decomposed, PASSWORD, "R", "VIEWER").statusCode(201).body("email", equalTo(composed));
        Api.login(composed, PASSWORD).statusCode(200);
        Api.signUp(composed, PASSWORD, "R", "VIEWER").statusCode(409);
    }

    // sign-up refused surrounding spaces while login trimmed them: both now normalise alike
    @Test
    void surroundingSpacesAreTrimmedAtSignUpAndLogin() {
        String email = Api.uniqueEmail("trim");
        Api.signUp("  " + email + " ", PASSWORD, "T", "VIEWER").statusCode(201).body("email", equalTo(email));
        Api.login(" " + email.toUpperCase() + "  ", PASSWORD).statusCode(200);
        Api.signUp(email, PASSWORD, "T", "VIEWER").statusCode(409);
    }

    // attack: a valid 254-character address whose lower case is longer (İ becomes i + U+0307) answered 500
    @Test
    void addressLongerThan254OnceLowerCasedIs400() {
        String local = "\u0130".repeat(60) + "-" + unique();
        String domain = "@" + "d".repeat(254 - local.length() - 5) + ".com";
        String email = local + domain;
        org.junit.jupiter.api.Assertions.assertEquals(254, email.length());
        Api.signUp(email, PASSWORD, "L", "VIEWER").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("email"))
                .body("violations.message", hasItem(containsString("254")));
        // the same length in plain letters is accepted: the limit is on the normal form
        Api.signUp("i".repeat(60) + email.substring(60), PASSWORD, "L", "VIEWER").statusCode(201);
    }
}

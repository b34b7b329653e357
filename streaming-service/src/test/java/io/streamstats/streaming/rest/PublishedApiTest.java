package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.streamstats.devkit.ApiContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract client developers get (api/, ApiContract): this service's document lints clean with Redocly's
 * recommended rules, and the published platform document holds exactly what this service serves on the Ingress
 * paths. Refresh the published files with -Dopenapi.regenerate=true (ApiContract.REFRESH_COMMAND). The seeded
 * cases are platform-devkit's ApiContractTest.
 */
@QuarkusTest
class PublishedApiTest {

    /** The paths the Ingress routes to this service (helm/streaming-platform/templates/ingress.yaml). */
    static final List<String> INGRESS_PREFIXES = List.of("/api/videos", "/api/stats", "/api/settlements");

    @Test
    void theServedDocumentLintsClean() throws Exception {
        Path file = Files.createDirectories(Path.of("target/openapi")).resolve("streaming-service.json");
        Files.writeString(file, served());
        assertEquals(List.of(), ApiContract.lint(file), "Redocly on this service's /q/openapi");
    }

    @Test
    void thePublishedDocumentHoldsWhatThisServiceServes() throws Exception {
        assertEquals(List.of(), ApiContract.publish(ApiContract.parse(served()), INGRESS_PREFIXES));
        assertEquals(List.of(), ApiContract.lint(ApiContract.document()), "Redocly on api/openapi.json");
        assertEquals(List.of(), ApiContract.collectionDifferences());
    }

    private static String served() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
    }
}

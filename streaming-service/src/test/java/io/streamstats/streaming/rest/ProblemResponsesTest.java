package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamstats.common.openapi.ProblemResponsesFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

/** The error responses are declared by code and meaning only; ProblemResponsesFilter gives them their body. */
@QuarkusTest
class ProblemResponsesTest {

    @Test
    void everyErrorResponseOfTheDocumentIsAProblemAndEveryBearerOperationDocuments401() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        String dump = System.getProperty("openapi.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump), json); // to compare documents across a change
        }
        assertEquals(List.of(), problemsOf(JsonPath.from(json)));
    }

    /**
     * What a generated client needs to know of the answers every operation can get: 406 where a success has a body,
     * 503 (try again) on play, pause and every read through the replica, Retry-After on every 429.
     */
    @Test
    void everyOperationDocuments406And503WhereItCanAnswerThemAndEvery429ItsRetryAfter() {
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> missing = new java.util.ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            String name = method + " " + path;
            boolean body = responses.entrySet().stream().anyMatch(r -> r.getKey().startsWith("2")
                    && r.getValue().get("content") != null);
            if (body && !responses.containsKey("406")) {
                missing.add(name + ": 406");
            }
            boolean read = method.equals("get") && path.startsWith("/api/");
            if ((read || path.endsWith("/play") || path.endsWith("/pause")) && !responses.containsKey("503")) {
                missing.add(name + ": 503");
            }
            if (responses.containsKey("429") && (responses.get("429").get("headers") == null
                    || !((Map<?, ?>) responses.get("429").get("headers")).containsKey("Retry-After"))) {
                missing.add(name + ": 429 without Retry-After");
            }
        }));
        assertEquals(List.of(), missing);
        assertNotNull(doc.get("paths.'/api/videos'.post.responses.'201'.headers.Location"),
                "registerVideo's 201 documents its Location header");
    }

    /** RFC 9110 §15.5.6: a 405 names the methods the resource has, besides its problem+json body. */
    @Test
    void aMethodTheResourceLacksIs405WithTheMethodsItHas() {
        given().delete("/api/videos/1").then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD, OPTIONS")
                .body("detail", org.hamcrest.Matchers.equalTo("This method is not allowed here"));
        given().contentType("application/json").body("{}").put("/api/videos/1/play").then().statusCode(405)
                .header("Allow", "POST, OPTIONS");
    }

    /** A bare 404 and a bearer operation without 401: the shape the resources write, before the filter. */
    @Test
    void theFilterGivesABareErrorItsProblemBodyAndABearerOperationIts401() {
        Operation op = OASFactory.createOperation()
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("ok"))
                        .addAPIResponse("404", OASFactory.createAPIResponse().description("No such video")))
                .addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        new ProblemResponsesFilter().filterOperation(op);
        var responses = op.getResponses().getAPIResponses();
        assertEquals("#/components/schemas/Problem", responses.get("404").getContent().getMediaType(
                "application/problem+json").getSchema().getRef());
        assertEquals("#/components/schemas/Problem", responses.get("401").getContent().getMediaType(
                "application/problem+json").getSchema().getRef());
        assertNull(responses.get("200").getContent());
        // the same shapes unfiltered are what the check on the document refuses
        String unfiltered = """
                {"components": {"schemas": {"Problem": {}}}, "paths": {"/api/videos/{id}": {"get": {
                  "responses": {"200": {"description": "ok"}, "404": {"description": "No such video"}},
                  "security": [{"bearer": []}]}}}}""";
        assertEquals(List.of("get /api/videos/{id}: no 401", "get /api/videos/{id} 404: not a problem+json Problem"),
                problemsOf(JsonPath.from(unfiltered)));
    }

    static List<String> problemsOf(JsonPath doc) {
        return ProblemResponsesFilter.undocumented(doc.getMap("$"));
    }
}

package io.streamstats.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published contract's checks, each on a seeded case: the merge of the two services' parts, the differences
 * that name an operation, Redocly's findings naming operation and rule, and a missing Node failing (not skipping).
 */
class ApiContractTest {

    static final List<String> USERS = List.of("/api/users", "/api/auth");
    static final List<String> STREAMING = List.of("/api/videos", "/api/stats");

    /** A small document that lints clean; the seeded cases break one thing each. */
    static final String CLEAN = """
            {
              "openapi": "3.1.0",
              "info": {"title": "t", "version": "1", "description": "d",
                "license": {"name": "Proprietary", "url": "https://streaming.example.com/terms"},
                "contact": {"name": "n", "email": "api@streaming.example.com"}},
              "servers": [{"url": "https://{host}", "variables": {"host": {"default": "localhost"}}}],
              "tags": [{"name": "videos", "description": "Videos"}],
              "paths": {
                "/api/videos": {
                  "post": {
                    "operationId": "registerVideo", "summary": "Register", "tags": ["videos"],
                    "security": [{"bearer": []}],
                    "responses": {
                      "201": {"description": "Registered", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Video"}, "example": {"id": 1}}}},
                      "400": {"description": "Invalid", "content": {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"}, "example": {"status": 400}}}}
                    }
                  }
                },
                "/api/videos/{id}/play": {
                  "post": {
                    "operationId": "play", "summary": "Play", "tags": ["videos"], "security": [{"bearer": []}],
                    "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}, "example": 42}],
                    "responses": {
                      "200": {"description": "Played", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Video"}, "example": {"id": 1}}}},
                      "400": {"description": "Invalid", "content": {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"}, "example": {"status": 400}}}}
                    }
                  }
                },
                "/internal/feed": {
                  "get": {
                    "operationId": "feed", "summary": "Feed", "tags": ["videos"], "security": [],
                    "responses": {
                      "200": {"description": "Feed", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Feed"}, "example": {"n": 1}}}},
                      "400": {"description": "Invalid", "content": {"application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/Problem"}, "example": {"status": 400}}}}
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "Feed": {"type": "object", "properties": {"n": {"type": "integer"}}},
                  "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}},
                  "Video": {"type": "object", "properties": {"id": {"type": "integer"}}}
                },
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
              }
            }
            """;

    static final String USERS_DOC = """
            {
              "openapi": "3.1.0", "info": {"title": "users", "version": "1"},
              "tags": [{"name": "users", "description": "Accounts"}],
              "paths": {
                "/api/users": {"post": {"operationId": "signUp", "summary": "Sign up", "tags": ["users"],
                  "security": [],
                  "responses": {"201": {"description": "Created", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/User"}}}},
                    "400": {"description": "Invalid", "content": {"application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem"}}}}}}}
              },
              "components": {"schemas": {
                "Problem": {"type": "object", "properties": {"status": {"type": "integer"}}},
                "User": {"type": "object", "properties": {"id": {"type": "integer"}}},
                "Unused": {"type": "string"}}}
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theMergeHoldsBothPartsWithoutInternalPathsAndUnusedDefinitions() {
        ObjectNode users = ApiContract.merge(null, ApiContract.parse(USERS_DOC), USERS, ApiContract.platform());
        ObjectNode both = ApiContract.merge(users, ApiContract.parse(CLEAN), STREAMING, ApiContract.platform());
        assertEquals(List.of("/api/users", "/api/videos", "/api/videos/{id}/play"), names(both.path("paths")));
        assertEquals(List.of("Problem", "User", "Video"), names(both.path("components").path("schemas")));
        assertEquals(List.of("bearer"), names(both.path("components").path("securitySchemes")));
        assertEquals("users,videos", both.findValuesAsText("name").stream()
                .filter(n -> n.equals("users") || n.equals("videos")).distinct().collect(Collectors.joining(",")));
        assertEquals("Streaming platform API", both.path("info").path("title").asText());
        // the other order gives the same document: the merge depends on the parts only
        ObjectNode streaming = ApiContract.merge(null, ApiContract.parse(CLEAN), STREAMING, ApiContract.platform());
        assertEquals(ApiContract.text(both),
                ApiContract.text(ApiContract.merge(streaming, ApiContract.parse(USERS_DOC), USERS, ApiContract.platform())));
        // refreshing one part again changes nothing
        assertEquals(ApiContract.text(both),
                ApiContract.text(ApiContract.merge(both, ApiContract.parse(CLEAN), STREAMING, ApiContract.platform())));
    }

    @Test
    void aPathTheIngressDoesNotRouteToTheServiceIsRefused() {
        // seeded: streaming-service serving a path under a prefix the Ingress sends elsewhere
        var error = assertThrows(IllegalArgumentException.class, () -> ApiContract.merge(null,
                ApiContract.parse(CLEAN), List.of("/api/stats"), ApiContract.platform()));
        assertTrue(error.getMessage().startsWith("/api/videos is served but the Ingress routes only"), error.getMessage());
    }

    @Test
    void aSchemaTheServicesDefineDifferentlyIsRefused() {
        // seeded: user-service's Problem with another property type than streaming-service's
        ObjectNode users = ApiContract.merge(null, ApiContract.parse(USERS_DOC.replace(
                "\"Problem\": {\"type\": \"object\", \"properties\": {\"status\": {\"type\": \"integer\"}}}",
                "\"Problem\": {\"type\": \"object\", \"properties\": {\"status\": {\"type\": \"string\"}}}")),
                USERS, ApiContract.platform());
        var error = assertThrows(IllegalArgumentException.class,
                () -> ApiContract.merge(users, ApiContract.parse(CLEAN), STREAMING, ApiContract.platform()));
        assertTrue(error.getMessage().startsWith("schema Problem is defined differently"), error.getMessage());
    }

    @Test
    void theDifferencesNameTheOperations() {
        ObjectNode published = ApiContract.merge(null, ApiContract.parse(CLEAN), STREAMING, ApiContract.platform());
        // seeded: the service changed a summary and dropped play since the document was published
        ObjectNode served = ApiContract.parse(CLEAN.replace("\"summary\": \"Register\"", "\"summary\": \"Upload\""));
        ((ObjectNode) served.path("paths")).remove("/api/videos/{id}/play");
        ObjectNode expected = ApiContract.merge(published, served, STREAMING, ApiContract.platform());
        assertEquals(List.of("POST /api/videos (registerVideo): changed",
                "POST /api/videos/{id}/play (play): no longer served"), ApiContract.differences(published, expected));
        assertEquals(List.of(), ApiContract.differences(expected, expected));
    }

    @Test
    void aCleanDocumentHasNoFindings() throws Exception {
        assertEquals(List.of(), ApiContract.lint(write(CLEAN)));
    }

    @Test
    void aLintThatDidNotRunIsNoCleanLint() {
        // seeded: Redocly crashed (no report), printed something else, or failed with no error in its report
        for (var crashed : List.of(new ApiContract.Result(1, "", "SyntaxError: Unexpected token"),
                new ApiContract.Result(0, "", ""), new ApiContract.Result(1, "{\"message\": \"Node 20.19 needed\"}", ""),
                new ApiContract.Result(1, "{\"totals\": {\"errors\": 0, \"warnings\": 0}, \"problems\": []}", ""))) {
            assertThrows(AssertionError.class, () -> ApiContract.lintReport(crashed), crashed.toString());
        }
        String clean = "npx notice\n{\"totals\": {\"errors\": 0, \"warnings\": 1}, \"problems\": []}";
        assertEquals(0, ApiContract.lintReport(new ApiContract.Result(0, clean, "")).path("totals").path("errors").asInt());
        String failed = "{\"totals\": {\"errors\": 1, \"warnings\": 0}, \"problems\": [{\"ruleId\": \"x\"}]}";
        assertEquals(1, ApiContract.lintReport(new ApiContract.Result(1, failed, "")).path("problems").size());
    }

    @Test
    void lintFindingsNameTheOperationAndTheRule() throws Exception {
        // seeded: registerVideo without its summary, play without any security declaration
        String broken = CLEAN.replace("\"summary\": \"Register\", ", "")
                .replace("\"summary\": \"Play\", \"tags\": [\"videos\"], \"security\": [{\"bearer\": []}],",
                        "\"summary\": \"Play\", \"tags\": [\"videos\"],");
        List<String> found = ApiContract.lint(write(broken)).stream().map(Object::toString).toList();
        assertTrue(found.stream().anyMatch(f -> f.startsWith("error operation-summary at POST /api/videos (registerVideo)")),
                found::toString);
        assertTrue(found.stream().anyMatch(f -> f.startsWith("error security-defined at POST /api/videos/{id}/play (play)")),
                found::toString);
    }

    @Test
    void aWarningTheConfigDoesNotJustifyFails() throws Exception {
        // seeded: a tag without a description (tag-description warns; api/redocly.yaml does not accept it)
        String broken = CLEAN.replace("{\"name\": \"videos\", \"description\": \"Videos\"}", "{\"name\": \"videos\"}");
        List<String> found = ApiContract.lint(write(broken)).stream().map(Object::toString).toList();
        assertTrue(found.stream().anyMatch(f -> f.startsWith("warn tag-description at #/tags/0")), found::toString);
    }

    @Test
    void aBodyWithoutAnExampleIsAFinding() throws Exception {
        // seeded: registerVideo's 201 without its example, and Video's id without one either
        String example = ", \"example\": {\"id\": 1}";
        int first = CLEAN.indexOf(example); // registerVideo's 201 comes first
        String broken = CLEAN.substring(0, first) + CLEAN.substring(first + example.length());
        assertEquals(List.of("error example-missing at POST /api/videos (registerVideo) response 201 application/json:"
                        + " no example for id: give the body or each property one (@Schema(example = ...))"),
                ApiContract.lint(write(broken)).stream().map(Object::toString).toList());
        // an example on each property of the schema is enough
        String withPropertyExamples = broken.replace("\"Video\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}",
                "\"Video\": {\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\", \"examples\": [1]}}}");
        assertEquals(List.of(), ApiContract.lint(write(withPropertyExamples)));
    }

    @Test
    void aParameterWithoutAnExampleIsAFinding() throws Exception {
        // seeded: play's id without its example (the Postman converter would make one up from today's date)
        String broken = CLEAN.replace(", \"example\": 42}", "}");
        assertEquals(List.of("error example-missing at POST /api/videos/{id}/play (play) parameter id:"
                        + " no example: give it one (@Parameter(example = ...))"),
                ApiContract.lint(write(broken)).stream().map(Object::toString).toList());
    }

    @Test
    void withoutNodeTheCheckFailsInsteadOfSkipping() {
        var error = assertThrows(AssertionError.class,
                () -> ApiContract.run(dir, List.of("no-such-node-" + System.nanoTime(), "--version")));
        assertTrue(error.getMessage().contains("is not installed: the API contract checks need Node 20.19+"),
                error.getMessage());
    }

    private Path write(String json) throws Exception {
        return Files.writeString(dir.resolve("openapi.json"), json);
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.streamstats.user.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamstats.common.openapi.ProblemResponsesFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** As streaming-service's ProblemResponsesTest (which holds the seeded cases), on this service's document. */
@QuarkusTest
class ProblemResponsesDocumentTest {

    @Test
    void everyErrorResponseOfTheDocumentIsAProblemAndEveryBearerOperationDocuments401() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        String dump = System.getProperty("openapi.dump");
        if (dump != null) {
            Files.writeString(Path.of(dump.replace(".json", "-user.json")), json);
        }
        assertEquals(List.of(), ProblemResponsesFilter.undocumented(JsonPath.from(json).getMap("$")));
    }
}

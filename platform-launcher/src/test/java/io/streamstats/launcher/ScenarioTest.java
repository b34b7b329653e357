package io.streamstats.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report periods `./platform` prints come from streaming-service's API document, in either schema form. */
class ScenarioTest {

    @Test
    void periodsFromAReferencedOrAnInlineSchema() {
        String referenced = """
                { "paths" : { "/api/settlements" : { "get" : { "parameters" : [ { "name" : "date", "in" : "query",
                  "schema" : { "type" : "string" } }, { "name" : "period", "in" : "query", "description" : "x",
                  "required" : true, "schema" : { "$ref" : "#/components/schemas/StatPeriod" } } ] } } },
                  "components" : { "schemas" : { "Metric" : { "enum" : [ "VIEWS", "PLAY_TIME" ], "type" : "string" },
                  "StatPeriod" : { "type" : "string", "enum" : [ "DAILY", "WEEKLY", "MONTHLY", "YEARLY" ] } } } }""";
        assertEquals(List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"), Scenario.periodsIn(referenced));
        // the schema before the name, a response schema after it: the parameter's own is taken
        String inline = "{\"parameters\":[{\"schema\":{\"enum\":[\"DAILY\",\"QUARTERLY\"]},\"description\":\"a {brace}\","
                + "\"name\":\"period\"}],\"responses\":{\"200\":{\"schema\":{\"$ref\":\"#/components/schemas/Top\"}}}}";
        assertEquals(List.of("DAILY", "QUARTERLY"), Scenario.periodsIn(inline));
    }

    @Test
    void aDocumentWithoutThePeriodsIsAClearError() {
        // seeded: the parameter documented as a plain string (no list of periods)
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scenario.periodsIn("{\"parameters\":[{\"name\":\"period\",\"schema\":{\"type\":\"string\"}}]}"));
        assertTrue(e.getMessage().contains("lists no periods"), e.getMessage());
        // seeded: the same, followed by a parameter that does list names: those are not periods
        e = assertThrows(IllegalStateException.class, () -> Scenario.periodsIn("{\"parameters\":[{\"name\":\"period\","
                + "\"schema\":{\"type\":\"string\"}},{\"name\":\"by\",\"schema\":{\"$ref\":\"#/components/schemas/Metric\"}}],"
                + "\"components\":{\"schemas\":{\"Metric\":{\"enum\":[\"VIEWS\"]}}}}"));
        assertTrue(e.getMessage().contains("lists no periods"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Scenario.periodsIn("{\"paths\":{}}"));
    }
}

package io.streamstats.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * What HttpEdge makes of an Accept header before JAX-RS negotiates (the services' ContentNegotiationTest check the
 * answers over HTTP): each application/problem+json range gains an application/json range of the same weight;
 * a header without one is left as it is, so image/png still gets 406.
 */
class AcceptWideningTest {

    @Test
    void problemJsonAlsoAcceptsJsonAtTheSameWeight() {
        assertEquals("application/problem+json, application/json",
                HttpEdge.acceptingJsonWithProblems("application/problem+json"));
        assertEquals("application/problem+json;q=0.9, application/json;q=0.9, text/plain;q=0.1",
                HttpEdge.acceptingJsonWithProblems("application/problem+json;q=0.9, text/plain;q=0.1"));
        assertEquals("Application/Problem+JSON, application/json",
                HttpEdge.acceptingJsonWithProblems("Application/Problem+JSON"));
        assertEquals("application/json, application/problem+json, application/json",
                HttpEdge.acceptingJsonWithProblems("application/json, application/problem+json"));
    }

    @Test
    void otherHeadersStayAsTheyAre() {
        assertNull(HttpEdge.acceptingJsonWithProblems("application/json"));
        assertNull(HttpEdge.acceptingJsonWithProblems("*/*"));
        assertNull(HttpEdge.acceptingJsonWithProblems("image/png"));
        assertNull(HttpEdge.acceptingJsonWithProblems("application/problem+jsonx"));
        assertNull(HttpEdge.acceptingJsonWithProblems(""));
    }

    @Test
    void rangesOfQualityZeroAreNotAcceptable() {
        assertEquals("text/csv", HttpEdge.withoutRefusedRanges("application/json;q=0, text/csv"));
        assertEquals("text/csv", HttpEdge.withoutRefusedRanges("text/csv, */*;q=0"));
        assertEquals("text/csv;charset=utf-8", HttpEdge.withoutRefusedRanges("application/json; Q = 0.000 , text/csv;charset=utf-8"));
        assertEquals(HttpEdge.NOTHING_ACCEPTED, HttpEdge.withoutRefusedRanges("application/json;q=0"));
        assertEquals(HttpEdge.NOTHING_ACCEPTED, HttpEdge.withoutRefusedRanges("*/*;q=0.0, text/csv;q=0"));
        assertNull(HttpEdge.withoutRefusedRanges("application/json;q=0.5, text/csv;q=0.05"));
        assertNull(HttpEdge.withoutRefusedRanges("application/json"));
        assertNull(HttpEdge.withoutRefusedRanges("text/x-q=0"));
    }
}

package io.streamstats.streaming.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's /q/metrics as Prometheus scrapes it, and a metric's value in it. */
public final class Metrics {

    private Metrics() {
    }

    public static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first series of {@code name} in {@code scrape}; fails when it is not exported. */
    public static double value(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError("metric " + name + " not exported");
        }
        return Double.parseDouble(m.group(1));
    }

    /** The value of {@code name} in a scrape made now. */
    public static double value(String name) {
        return value(scrape(), name);
    }
}

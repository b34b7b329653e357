package io.streamstats.streaming.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.streamstats.streaming.support.Api;
import io.streamstats.streaming.support.SteppedPlaybackClock;
import io.streamstats.streaming.support.Users;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/settlements/statement over real HTTP and the real database, on rows as the settlement batch writes them
 * (daily rows, their month rollups, settled_dates): exact CSV, the same totals as the JSON API, provisional and
 * final, the refusals. Each test uses months of 2016 no other test touches (settled_dates is platform-wide).
 */
@QuarkusTest
class SettlementStatementTest {

    private static final String HEADER = "\uFEFFstatus,videoId,title,views,adViews,videoAmount,adAmount,totalAmount\r\n";

    @Inject
    AgroalDataSource db;

    @Inject
    SteppedPlaybackClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void monthAndRangeStatementsWithExactFiguresTitlesEscapedAndTheJsonTotals() {
        Users.User creator = Users.create("CREATOR");
        Users.User other = Users.create("CREATOR");
        long a = video(creator, "Seoul, \"night\" & day");
        long b = video(creator, "=1+2");
        long c = insertVideo(creator, "line one\nline two"); // older data: the API takes one line only
        long x = video(other, "not mine");
        // daily rows (views, ad views, video won, ad won) and the month rows the batch keeps as their sums
        daily("2016-01-31", a, creator, 1_000, 10, 1_000, 100);
        daily("2016-02-01", a, creator, 550_000, 1_000, 605_000, 10_000);
        daily("2016-02-01", b, creator, 10, 3, 10, 30);
        daily("2016-02-15", c, creator, 7, 1, 7, 10);
        daily("2016-02-29", a, creator, 600_000, 2_000, 810_000, 24_000);
        daily("2016-03-01", b, creator, 5, 0, 5, 0);
        daily("2016-02-01", x, other, 99, 9, 99, 90);
        monthly("2016-01-01", a, creator, 1_000, 10, 1_000, 100);
        monthly("2016-02-01", a, creator, 1_150_000, 3_000, 1_415_000, 34_000);
        monthly("2016-02-01", b, creator, 10, 3, 10, 30);
        monthly("2016-02-01", c, creator, 7, 1, 7, 10);
        monthly("2016-03-01", b, creator, 5, 0, 5, 0);
        monthly("2016-02-01", x, other, 99, 9, 99, 90);
        settle("2016-01-31", "2016-03-01");

        ExtractableResponse<Response> month = statement(creator, Map.of("month", "2016-02")).statusCode(200)
                .contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"statement-" + creator.id() + "-2016-02.csv\"")
                .header("X-Statement-Status", "final").extract();
        String monthCsv = HEADER
                + "final," + a + ",\"Seoul, \"\"night\"\" & day\",1150000,3000,1415000,34000,1449000\r\n"
                + "final," + b + ",\"'=1+2\",10,3,10,30,40\r\n"
                + "final," + c + ",\"line one\nline two\",7,1,7,10,17\r\n"
                + "final,TOTAL,,1150017,3004,1415017,34040,1449057\r\n";
        assertEquals(monthCsv, new String(month.asByteArray(), StandardCharsets.UTF_8));
        // a CSV reader gets the titles back as they are (the formula defused by its apostrophe)
        List<List<String>> lines = parse(monthCsv.substring(1));
        assertEquals(List.of("Seoul, \"night\" & day", "'=1+2", "line one\nline two", ""),
                lines.subList(1, 5).stream().map(l -> l.get(2)).toList());
        assertEquals(5, lines.size());
        // the totals are the JSON API's to the won
        JsonPath json = given().auth().oauth2(creator.accessToken()).queryParam("period", "MONTHLY")
                .queryParam("date", "2016-02-29").get("/api/settlements").then().statusCode(200).extract().jsonPath();
        List<String> total = lines.get(4);
        assertEquals(List.of(json.getLong("videoAmount"), json.getLong("adAmount"), json.getLong("totalAmount")),
                List.of(Long.parseLong(total.get(5)), Long.parseLong(total.get(6)), Long.parseLong(total.get(7))));
        assertEquals(1_449_057L, json.getLong("totalAmount"));

        // across the month boundaries: the daily rows of 31 January to 1 March
        String rangeCsv = HEADER
                + "final," + a + ",\"Seoul, \"\"night\"\" & day\",1151000,3010,1416000,34100,1450100\r\n"
                + "final," + b + ",\"'=1+2\",15,3,15,30,45\r\n"
                + "final," + c + ",\"line one\nline two\",7,1,7,10,17\r\n"
                + "final,TOTAL,,1151022,3014,1416022,34140,1450162\r\n";
        assertEquals(rangeCsv, body(statement(creator, Map.of("from", "2016-01-31", "to", "2016-03-01"))
                .statusCode(200).header("Content-Disposition",
                        "attachment; filename=\"statement-" + creator.id() + "-2016-01-31_2016-03-01.csv\"")));
        // the range of the month itself equals the month statement; one day of it, that day only
        assertEquals(monthCsv, body(statement(creator, Map.of("from", "2016-02-01", "to", "2016-02-29"))));
        assertEquals(HEADER + "final," + a + ",\"Seoul, \"\"night\"\" & day\",600000,2000,810000,24000,834000\r\n"
                + "final,TOTAL,,600000,2000,810000,24000,834000\r\n",
                body(statement(creator, Map.of("from", "2016-02-29", "to", "2016-02-29"))));
        // the other creator sees only their own video
        assertEquals(HEADER + "final," + x + ",\"not mine\",99,9,99,90,189\r\nfinal,TOTAL,,99,9,99,90,189\r\n",
                body(statement(other, Map.of("month", "2016-02"))));
    }

    @Test
    void provisionalWhileADayIsUnsettledAndAReSettledDayShowsItsNewFigures() {
        Users.User creator = Users.create("CREATOR");
        long a = video(creator, "a");
        long b = video(creator, "b");
        daily("2016-06-10", a, creator, 100, 1, 100, 10);
        monthly("2016-06-01", a, creator, 100, 1, 100, 10);
        settle("2016-06-01", "2016-06-16");
        settle("2016-06-18", "2016-06-30"); // 17 June not settled (yet)

        String before = "," + a + ",\"a\",100,1,100,10,110\r\n";
        assertEquals(HEADER + "provisional" + before + "provisional,TOTAL,,100,1,100,10,110\r\n",
                body(statement(creator, Map.of("month", "2016-06")).header("X-Statement-Status", "provisional")));
        // the JSON report of the month says the same (its one day of activity is settled; 17 June is not)
        given().auth().oauth2(creator.accessToken()).queryParam("period", "MONTHLY").queryParam("date", "2016-06-01")
                .get("/api/settlements").then().statusCode(200).body("status", equalTo("provisional"))
                .body("totalAmount", equalTo(110));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2016-06-10")
                .get("/api/settlements").then().statusCode(200).body("status", equalTo("final"));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "DAILY").queryParam("date", "2016-06-17")
                .get("/api/settlements").then().statusCode(200).body("status", equalTo("provisional"))
                .body("totalAmount", equalTo(0));
        statement(creator, Map.of("from", "2016-06-16", "to", "2016-06-18")).statusCode(200)
                .header("X-Statement-Status", "provisional");
        // the settled part of the month is final
        assertEquals(HEADER + "final" + before + "final,TOTAL,,100,1,100,10,110\r\n",
                body(statement(creator, Map.of("from", "2016-06-01", "to", "2016-06-16"))
                        .header("X-Statement-Status", "final")));

        // 17 June is settled, and 10 June re-settled with late rows: its daily row and the month row replaced
        daily("2016-06-17", b, creator, 3, 0, 3, 0);
        settle("2016-06-17", "2016-06-17");
        sql("UPDATE video_period_stats SET views = 130, ad_views = 2, video_amount = 130, ad_amount = 20"
                + " WHERE period = 'D' AND period_start = '2016-06-10' AND video_id = ?", a);
        sql("UPDATE video_period_stats SET views = 130, ad_views = 2, video_amount = 130, ad_amount = 20"
                + " WHERE period = 'M' AND period_start = '2016-06-01' AND video_id = ?", a);
        monthly("2016-06-01", b, creator, 3, 0, 3, 0);
        sql("UPDATE settled_dates SET settled_at = UTC_TIMESTAMP(6) WHERE stat_date = '2016-06-10'");

        String after = HEADER + "final," + a + ",\"a\",130,2,130,20,150\r\n" + "final," + b + ",\"b\",3,0,3,0,3\r\n"
                + "final,TOTAL,,133,2,133,20,153\r\n";
        assertEquals(after, body(statement(creator, Map.of("month", "2016-06")).header("X-Statement-Status", "final")));
        assertEquals(after, body(statement(creator, Map.of("from", "2016-06-01", "to", "2016-06-30"))));
        given().auth().oauth2(creator.accessToken()).queryParam("period", "MONTHLY").queryParam("date", "2016-06-01")
                .get("/api/settlements").then().statusCode(200).body("totalAmount", equalTo(153))
                .body("status", equalTo("final"));
    }

    @Test
    void provisionalUntilTheLastDayIsOverInThePlatformZone() {
        Users.User creator = Users.create("CREATOR");
        long a = video(creator, "a");
        daily("2016-09-30", a, creator, 42, 0, 42, 0);
        monthly("2016-09-01", a, creator, 42, 0, 42, 0);
        settle("2016-09-01", "2016-09-30"); // every day settled: only the clock decides
        String figures = "," + a + ",\"a\",42,0,42,0,42\r\n";

        clock.set(Instant.parse("2016-09-30T14:59:59Z")); // 23:59:59 on 30 September in Seoul
        assertEquals(HEADER + "provisional" + figures + "provisional,TOTAL,,42,0,42,0,42\r\n",
                body(statement(creator, Map.of("month", "2016-09")).header("X-Statement-Status", "provisional")));
        statement(creator, Map.of("from", "2016-09-30", "to", "2016-09-30")).header("X-Statement-Status", "provisional");
        refused(creator, Map.of("month", "2016-10"),
                "month: must not be after the current month (2016-09 in the platform time zone), not 2016-10");
        refused(creator, Map.of("from", "2016-09-30", "to", "2016-10-01"),
                "to: must not be after today (2016-09-30 in the platform time zone), not 2016-10-01");

        clock.set(Instant.parse("2016-09-30T15:00:00Z")); // midnight: 1 October in Seoul
        assertEquals(HEADER + "final" + figures + "final,TOTAL,,42,0,42,0,42\r\n",
                body(statement(creator, Map.of("month", "2016-09")).header("X-Statement-Status", "final")));
        statement(creator, Map.of("from", "2016-09-30", "to", "2016-09-30")).header("X-Statement-Status", "final");
        // the month that has just begun: nothing yet, answered with zeros
        assertEquals(HEADER + "provisional,TOTAL,,0,0,0,0,0\r\n", body(statement(creator, Map.of("month", "2016-10"))));
    }

    @Test
    void anEmptyRangeIsZerosNeverA404() {
        Users.User creator = Users.create("CREATOR");
        video(creator, "nothing settled");
        assertEquals(HEADER + "provisional,TOTAL,,0,0,0,0,0\r\n",
                body(statement(creator, Map.of("from", "2016-05-01", "to", "2016-05-31"))
                        .header("X-Statement-Status", "provisional")));
        assertEquals(HEADER + "provisional,TOTAL,,0,0,0,0,0\r\n", body(statement(creator, Map.of("month", "2000-01"))));
    }

    @Test
    void badInputIs400ProblemJsonEvenWhenCsvIsAsked() {
        Users.User creator = Users.create("CREATOR");
        String today = LocalDate.now(ZoneId.of("Asia/Seoul")).toString();
        String tomorrow = LocalDate.parse(today).plusDays(1).toString();
        refused(creator, Map.of("from", "2016-02-02", "to", "2016-02-01"),
                "from: must be on or before to, not 2016-02-02 after 2016-02-01");
        refused(creator, Map.of("from", "2015-01-01", "to", "2016-01-02"),
                "from, to: the range may cover at most 366 days (both ends included), not 367 (2015-01-01 to 2016-01-02)");
        refused(creator, Map.of("from", "2016-02-30", "to", "2016-03-01"),
                "from: must be a date as YYYY-MM-DD in the years 2000 to 9998, not '2016-02-30'");
        refused(creator, Map.of("from", "2016-01-01", "to", "1 March"),
                "to: must be a date as YYYY-MM-DD in the years 2000 to 9998, not '1 March'");
        refused(creator, Map.of("from", "2016-01-01"), "to: required, as YYYY-MM-DD");
        refused(creator, Map.of("from", today, "to", tomorrow), "to: must not be after today");
        refused(creator, Map.of("month", "2016-13"), "month: must be a month as YYYY-MM in the years 2000 to 9998, not '2016-13'");
        refused(creator, Map.of("month", "2016-1"), "month: must be a month as YYYY-MM in the years 2000 to 9998, not '2016-1'");
        refused(creator, Map.of("month", "1999-12"), "month: must be a month as YYYY-MM in the years 2000 to 9998, not '1999-12'");
        refused(creator, Map.of("month", "2016-02", "to", "2016-02-01"),
                "month, from, to: give either month or from and to, not both");
        refused(creator, Map.of(), "month, from, to: required, either month as YYYY-MM or from and to as YYYY-MM-DD");
        // the longest range, both ends included, is a leap year's 366 days
        statement(creator, Map.of("from", "2015-01-01", "to", "2016-01-01")).statusCode(200);
    }

    @Test
    void onlyCreatorsWithAToken() {
        given().accept("text/csv").queryParam("month", "2016-02").get("/api/settlements/statement").then()
                .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        Users.User viewer = Users.create("VIEWER");
        given().auth().oauth2(viewer.accessToken()).accept("text/csv").queryParam("month", "2016-02")
                .get("/api/settlements/statement").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("Only CREATOR accounts may do this; yours is not one"));
    }

    @Test
    void aBrowserOrAnyClientGetsTheFileAndOnlyAnotherTypeIs406() {
        Users.User creator = Users.create("CREATOR");
        String empty = HEADER + "provisional,TOTAL,,0,0,0,0,0\r\n";
        for (String accept : List.of("text/csv", "*/*", "text/*",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
            assertEquals(empty, body(given().auth().oauth2(creator.accessToken()).accept(accept)
                    .queryParam("month", "2016-04").get("/api/settlements/statement").then()), accept);
        }
        assertEquals(empty, body(given().auth().oauth2(creator.accessToken()).queryParam("month", "2016-04")
                .get("/api/settlements/statement").then())); // RestAssured sends */* when told nothing
        given().auth().oauth2(creator.accessToken()).accept("application/json").queryParam("month", "2016-04")
                .get("/api/settlements/statement").then().statusCode(406).contentType("application/problem+json")
                .body("status", equalTo(406));
    }

    @Test
    void theApiDocumentDescribesTheOperation() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String op = "paths.'/api/settlements/statement'.get.";
        assertEquals("settlementStatement", doc.getString(op + "operationId"));
        assertEquals(List.of(Map.of("bearer", List.of())), doc.getList(op + "security"));
        assertEquals("^\\d{4}-\\d{2}$", doc.getString(op + "parameters.find { it.name == 'month' }.schema.pattern"));
        assertEquals("date", doc.getString(op + "parameters.find { it.name == 'from' }.schema.format"));
        assertEquals("date", doc.getString(op + "parameters.find { it.name == 'to' }.schema.format"));
        assertEquals(SettlementStatementResource.EXAMPLE,
                doc.getString(op + "responses.'200'.content.'text/csv'.examples.month.value"));
        assertEquals(List.of("provisional", "final"),
                doc.getList(op + "responses.'200'.headers.'X-Statement-Status'.schema.enum"));
        for (String code : List.of("400", "401", "403")) {
            assertEquals("#/components/schemas/Problem",
                    doc.getString(op + "responses.'" + code + "'.content.'application/problem+json'.schema.$ref"));
        }
    }

    // --- helpers

    private static io.restassured.response.ValidatableResponse statement(Users.User user, Map<String, String> params) {
        RequestSpecification request = given().auth().oauth2(user.accessToken()).accept("text/csv");
        params.forEach(request::queryParam);
        return request.get("/api/settlements/statement").then();
    }

    private static void refused(Users.User user, Map<String, String> params, String detail) {
        statement(user, params).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", containsString(detail));
    }

    private static String body(io.restassured.response.ValidatableResponse response) {
        return new String(response.statusCode(200).contentType("text/csv; charset=UTF-8").extract().asByteArray(),
                StandardCharsets.UTF_8);
    }

    /** RFC 4180: fields separated by commas, lines by CRLF; a quoted field may hold commas, "" and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                line.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                line.add(field.toString());
                field.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i++;
            } else {
                field.append(ch);
            }
        }
        if (!line.isEmpty() || field.length() > 0) {
            throw new IllegalArgumentException("the last line does not end in CRLF");
        }
        return lines;
    }

    private static long video(Users.User creator, String title) {
        return ((Number) Api.register(creator, title, 600).statusCode(201).extract().path("id")).longValue();
    }

    private long insertVideo(Users.User creator, String title) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO videos (creator_id, title, duration_seconds, created_at) VALUES (?, ?, 600, UTC_TIMESTAMP(6))",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, creator.id());
            ps.setString(2, title);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void daily(String date, long video, Users.User creator, long views, long adViews, long videoAmount,
                       long adAmount) {
        periodRow("D", date, video, creator, views, adViews, videoAmount, adAmount);
    }

    private void monthly(String monthStart, long video, Users.User creator, long views, long adViews,
                         long videoAmount, long adAmount) {
        periodRow("M", monthStart, video, creator, views, adViews, videoAmount, adAmount);
    }

    private void periodRow(String period, String start, long video, Users.User creator, long views, long adViews,
                           long videoAmount, long adAmount) {
        sql("INSERT INTO video_period_stats (period, period_start, video_id, creator_id, views, play_seconds, ad_views,"
                + " video_amount, ad_amount) VALUES (?, ?, ?, ?, ?, 60, ?, ?, ?)", period, LocalDate.parse(start), video,
                creator.id(), views, adViews, videoAmount, adAmount);
    }

    /** Marks every day from..to settled, as the batch does when it has settled a day. */
    private void settle(String from, String to) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            sql("INSERT INTO settled_dates (stat_date, settled_at, videos, rows_read, duration_ms)"
                    + " VALUES (?, UTC_TIMESTAMP(6), 0, 0, 0) ON DUPLICATE KEY UPDATE settled_at = VALUES(settled_at)", d);
        }
    }

    private void sql(String sql, Object... values) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.streamstats.launcher;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted story, through the real HTTP API: a creator and three viewers sign up and log in; the creator
 * registers three videos (15:00, 5:00, 5:01); viewers play and pause, seek ahead (a pause that claims more than the
 * seconds since its play is credited only those seconds), replay inside 30 seconds; the creator plays their own
 * video; a viewer logs out and is refused. Then a generated day is loaded and settled, and the
 * reports are read back through the API: the Top 5s, the settlement of every period, the channel's last 7 days.
 */
final class Scenario {

    /**
     * The platform zone, whose date is the day the services record plays and pauses on: theirs, which they (and the
     * batch) read from {@code PLATFORM_ZONE} in the environment they inherit from the launcher.
     */
    static final ZoneId PLATFORM_ZONE = ZoneId.of(System.getenv().getOrDefault("PLATFORM_ZONE", "Asia/Seoul"));

    /** What a run produced; the end-to-end test checks these numbers. */
    record Result(LocalDate day, Map<String, Long> videoIds, List<Boolean> countedAsView, List<Long> playedSeconds,
                  List<Long> adViews, int statusAfterLogout, List<String> mineByViews, List<String> mineByPlayTime,
                  Map<String, long[]> settlementTotals, List<String> topByViews, List<String> topByPlayTime,
                  int batchExit, List<Long> channelWeekTotals, long playbackAnsweredAtSettle) {
    }

    private final Http http = new Http();
    private final String users;
    private final String streaming;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    Scenario(String userServiceUrl, String streamingServiceUrl) {
        this.users = userServiceUrl;
        this.streaming = streamingServiceUrl;
    }

    Result run(Platform platform, long rows) {
        Progress.step("Scenario: sign-up and login of a creator and three viewers");
        String creator = user("creator", "CREATOR");
        String[] viewers = {user("viewer1", "VIEWER"), user("viewer2", "VIEWER"), user("viewer3", "VIEWER")};
        Progress.done("4 users");

        Progress.step("Scenario: the creator registers videos of 15:00, 5:00 and 5:01");
        Map<String, Long> videos = new LinkedHashMap<>();
        videos.put("Fifteen minutes", video(creator, "Fifteen minutes", 900));
        videos.put("Exactly five", video(creator, "Exactly five", 300));
        videos.put("Five and a second", video(creator, "Five and a second", 301));
        Progress.done("ads at [300, 600], [], [300]");

        Progress.step("Scenario: plays and pauses");
        long a = videos.get("Fifteen minutes");
        long b = videos.get("Exactly five");
        long c = videos.get("Five and a second");
        List<Boolean> counted = new ArrayList<>();
        List<Long> played = new ArrayList<>();
        List<Long> ads = new ArrayList<>();
        // A viewer's pauses may credit, together, the time that passed since their plays plus 2 s once: a first
        // pause right after its play gets the 2 s; a viewer's second pause comes 2.5 s later, watched for real
        playAndPause(viewers[0], a, 299, 0, counted, played, ads);     // a view; seeks to 4:59 at once: ~2 s credited
        playAndPause(viewers[0], a, 301, 2_500, counted, played, ads); // replay inside 30 s: no view; passes the ad
        playAndPause(viewers[1], a, 2, 0, counted, played, ads);       // a view; 2 s
        playAndPause(viewers[1], b, 2, 2_500, counted, played, ads);   // a view; 2 s (5:00 has no ad)
        playAndPause(viewers[2], c, 299, 0, counted, played, ads);     // a view; seeks to 4:59: ~2 s credited
        playAndPause(viewers[2], c, 301, 2_500, counted, played, ads); // replay: no view; passes the ad at 300
        playAndPause(creator, a, 900, 0, counted, played, ads);        // the creator's own: credits nothing
        Progress.done(counted.stream().filter(x -> x).count() + " views of 7 plays; claimed 299, 301, 2, 2, 299,"
                + " 301, 900 s, credited " + played + " s and " + ads + " ad views");

        Progress.step("Scenario: viewer3 logs out and tries again");
        http.expect(204, http.post(users + "/api/auth/logout", viewers[2], null), "logout");
        int after = 200;
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (after != 401 && System.nanoTime() < deadline) {
            after = http.post(streaming + "/api/videos/" + c + "/play", viewers[2], null).status();
            sleep(100);
        }
        Progress.done("refused with " + after);

        LocalDate day = LocalDate.now(PLATFORM_ZONE);
        Progress.info("==> Loading " + String.format("%,d", rows) + " generated watch-history rows for " + day);
        int generated = platform.runBench("generate", "--date", day.toString(), "--rows", Long.toString(rows),
                "--videos", Long.toString(Math.max(10, Math.min(1_000_000, rows / 10))), "--viewers",
                Long.toString(Math.max(10, rows / 20)), "--seed", "1");
        int batchExit = generated;
        long answeredAtSettle = TodayResettle.answeredSoFar(platform);
        if (generated == 0) {
            // today is not over: the batch refuses an open day unless told to, and says it settles one
            Progress.info("==> Settling " + day + ", an open day (today in " + PLATFORM_ZONE + "): --allow-open-day");
            batchExit = platform.runBatch("settle", "--date", day.toString(), "--allow-open-day");
        }

        String d = day.toString();
        List<String> mineViews = titles(http.expect(200, http.get(streaming + "/api/stats/top?period=DAILY&date=" + d
                + "&by=VIEWS&scope=MINE", creator), "top MINE").body());
        List<String> minePlay = titles(http.expect(200, http.get(streaming + "/api/stats/top?period=DAILY&date=" + d
                + "&by=PLAY_TIME&scope=MINE", creator), "top MINE").body());
        String topViews = http.expect(200, http.get(streaming + "/api/stats/top?period=DAILY&date=" + d
                + "&by=VIEWS&scope=ALL", viewers[0]), "top ALL").body();
        String topPlay = http.expect(200, http.get(streaming + "/api/stats/top?period=DAILY&date=" + d
                + "&by=PLAY_TIME&scope=ALL", viewers[0]), "top ALL").body();
        Tables.top("Top 5 by views, " + d + " (platform-wide)", topViews);
        Tables.top("Top 5 by play time, " + d + " (platform-wide)", topPlay);
        Tables.top("Top 5 by views, " + d + " (the creator's own)", http.get(streaming
                + "/api/stats/top?period=DAILY&date=" + d + "&by=VIEWS&scope=MINE", creator).body());
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (String period : periods()) {
            String body = http.expect(200, http.get(streaming + "/api/settlements?period=" + period + "&date=" + d,
                    creator), "settlement").body();
            Tables.settlement("The creator's settlement, " + period, body);
            Http.Response r = new Http.Response(200, body);
            totals.put(period, new long[] {r.number("videoAmount"), r.number("adAmount"), r.number("totalAmount")});
        }
        // the channel's last 7 days, today included (the earlier days of a fresh platform are zeros)
        String week = http.expect(200, http.get(streaming + "/api/stats/channel?from=" + day.minusDays(6) + "&to=" + d
                + "&groupBy=DAY", creator), "channel series").body();
        Tables.series("The creator's channel, last 7 days", week);
        List<Long> weekTotals = Tables.series(week).stream().map(Tables.Point::totalAmount).toList();
        return new Result(day, videos, counted, played, ads, after, mineViews, minePlay, totals, titles(topViews),
                titles(topPlay), batchExit, weekTotals, answeredAtSettle);
    }

    /**
     * The report periods streaming-service offers, in its order, read from its API documentation (where they come
     * from its period type): a period added there is printed here without a change.
     */
    List<String> periods() {
        return periodsIn(http.expect(200, http.get(streaming + "/q/openapi?format=json", null), "API documentation")
                .body());
    }

    /** The names the {@code period} query parameter takes, from an OpenAPI document in JSON. */
    static List<String> periodsIn(String doc) {
        Matcher parameter = Pattern.compile("\"name\"\\s*:\\s*\"period\"").matcher(doc);
        if (!parameter.find()) {
            throw new IllegalStateException("the API documentation names no period parameter");
        }
        // the parameter's own schema (in its object, whatever the key order) lists the names, or refers to a
        // component that does
        Matcher schema = Pattern.compile("\"schema\"\\s*:\\s*\\{([^}]*)}").matcher(enclosingObject(doc, parameter.start()));
        if (!schema.find()) {
            throw new IllegalStateException("the API documentation lists no periods");
        }
        Matcher inline = Pattern.compile("\"enum\"\\s*:\\s*\\[([^\\]]*)]").matcher(schema.group(1));
        Matcher ref = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"").matcher(schema.group(1));
        String names;
        if (inline.find()) {
            names = inline.group(1);
        } else if (ref.find()) {
            Matcher component = Pattern.compile("\"" + Pattern.quote(ref.group(1))
                    + "\"\\s*:\\s*\\{[^}]*?\"enum\"\\s*:\\s*\\[([^\\]]*)]").matcher(doc);
            if (!component.find()) {
                throw new IllegalStateException("the API documentation lists no periods in " + ref.group(1));
            }
            names = component.group(1);
        } else {
            throw new IllegalStateException("the API documentation lists no periods for the period parameter");
        }
        List<String> periods = new ArrayList<>();
        Matcher name = Pattern.compile("\"([A-Z_]+)\"").matcher(names);
        while (name.find()) {
            periods.add(name.group(1));
        }
        return periods;
    }

    /** The JSON object (braces included) that encloses the position, skipping braces inside strings. */
    static String enclosingObject(String json, int position) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        int start = -1;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (i == position) {
                if (open.isEmpty()) {
                    break;
                }
                start = open.peek();
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                open.push(i);
            } else if (c == '}' && !open.isEmpty() && open.pop() == start) {
                return json.substring(start, i + 1);
            }
        }
        throw new IllegalStateException("the API documentation is not well-formed JSON");
    }

    /** Signs up a user of the role (a unique email per run) and logs in; returns the access token. */
    String user(String name, String role) {
        String email = name + "-" + runId + "@example.com";
        http.expect(201, http.post(users + "/api/users", null, "{\"email\":\"" + email
                + "\",\"password\":\"platform-demo\",\"nickname\":\"" + name + "\",\"role\":\"" + role + "\"}"), "sign-up");
        return http.expect(200, http.post(users + "/api/auth/login", null, "{\"email\":\"" + email
                + "\",\"password\":\"platform-demo\"}"), "login").text("accessToken");
    }

    /** Registers a video as the creator whose token is given; returns its id. */
    long video(String token, String title, int seconds) {
        return http.expect(201, http.post(streaming + "/api/videos", token, "{\"title\":\"" + title
                + "\",\"durationSeconds\":" + seconds + "}"), "register video").number("id");
    }

    /** A play, {@code watchMillis} of watching, and the pause at {@code position}. */
    private void playAndPause(String token, long video, int position, long watchMillis, List<Boolean> counted,
                              List<Long> played, List<Long> ads) {
        Http.Response play = http.expect(200, http.post(streaming + "/api/videos/" + video + "/play", token, null), "play");
        counted.add(play.flag("countedAsView"));
        sleep(watchMillis);
        Http.Response pause = http.expect(200, http.post(streaming + "/api/videos/" + video + "/pause", token,
                "{\"playbackId\":" + play.number("playbackId") + ",\"positionSeconds\":" + position + "}"), "pause");
        played.add(pause.number("playedSeconds"));
        ads.add(pause.number("adViews"));
    }

    static List<String> titles(String body) {
        List<String> titles = new ArrayList<>();
        Matcher m = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        while (m.find()) {
            titles.add(m.group(1));
        }
        return titles;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

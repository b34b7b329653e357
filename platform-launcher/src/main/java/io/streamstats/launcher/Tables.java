package io.streamstats.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable tables of the API's report answers. */
final class Tables {

    private static final Pattern TOP_ITEM = Pattern.compile("\\{\"rank\":(\\d+),\"videoId\":(\\d+),\"title\":\"([^\"]*)\","
            + "\"views\":(\\d+),\"playSeconds\":(\\d+)}");
    private static final Pattern SETTLEMENT_ITEM = Pattern.compile("\\{\"videoId\":(\\d+),\"title\":\"([^\"]*)\","
            + "\"views\":(\\d+),\"adViews\":(\\d+),\"videoAmount\":(\\d+),\"adAmount\":(\\d+),\"totalAmount\":(\\d+)}");

    private Tables() {
    }

    static void top(String heading, String body) {
        Progress.info("");
        Progress.info(heading);
        Progress.info(String.format("  %4s  %8s  %-28s %12s %14s", "rank", "video", "title", "views", "play seconds"));
        Matcher m = TOP_ITEM.matcher(body);
        boolean any = false;
        while (m.find()) {
            any = true;
            Progress.info(String.format("  %4s  %8s  %-28s %,12d %,14d", m.group(1), m.group(2), m.group(3),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5))));
        }
        if (!any) {
            Progress.info("  (nothing settled)");
        }
    }

    static void settlement(String heading, String body) {
        Http.Response r = new Http.Response(200, body);
        Progress.info("");
        Progress.info(heading + " " + r.text("from") + " .. " + r.text("to") + " (won)");
        Progress.info(String.format("  %8s  %-20s %8s %8s %12s %12s %12s", "video", "title", "views", "ad views",
                "video", "ads", "total"));
        Matcher m = SETTLEMENT_ITEM.matcher(body);
        while (m.find()) {
            Progress.info(String.format("  %8s  %-20s %,8d %,8d %,12d %,12d %,12d", m.group(1), m.group(2),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                    Long.parseLong(m.group(6)), Long.parseLong(m.group(7))));
        }
        Progress.info(String.format("  %8s  %-20s %8s %8s %,12d %,12d %,12d", "", "total", "", "", r.number("videoAmount"),
                r.number("adAmount"), r.number("totalAmount")));
    }
}

package io.streamstats.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable tables of the API's report answers. */
final class Tables {

    private static final Pattern TOP_ITEM = Pattern.compile("\\{\"rank\":(\\d+),\"videoId\":(\\d+),\"title\":\"([^\"]*)\","
            + "\"views\":(\\d+),\"playSeconds\":(\\d+)}");
    private static final Pattern SETTLEMENT_ITEM = Pattern.compile("\\{\"videoId\":(\\d+),\"title\":\"([^\"]*)\","
            + "\"views\":(\\d+),\"adViews\":(\\d+),\"videoAmount\":(\\d+),\"adAmount\":(\\d+),\"totalAmount\":(\\d+)}");

    private static final Pattern SERIES_POINT = Pattern.compile("\\{\"start\":\"([^\"]*)\",\"end\":\"([^\"]*)\","
            + "\"views\":(\\d+),\"playSeconds\":(\\d+),\"adViews\":(\\d+),\"videoAmount\":(\\d+),\"adAmount\":(\\d+),"
            + "\"totalAmount\":(\\d+)}");
    private static final Pattern TOTAL_CHANGE = Pattern.compile("\"change\":\\{.*\"totalAmount\":\\{\"difference\":(-?\\d+),"
            + "\"percent\":(null|-?[\\d.]+)}");

    /** One group of a time series answer (channelSeries, videoSeries): its first day and its figures. */
    record Point(String start, long views, long playSeconds, long adViews, long videoAmount, long adAmount,
                 long totalAmount) {
    }

    private Tables() {
    }

    /** The groups of a time series answer, in order. */
    static List<Point> series(String body) {
        List<Point> points = new ArrayList<>();
        Matcher m = SERIES_POINT.matcher(body);
        while (m.find()) {
            points.add(new Point(m.group(1), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                    Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)),
                    Long.parseLong(m.group(8))));
        }
        return points;
    }

    /** A channel's days, their totals and the change of the total amount from the previous range. */
    static void series(String heading, String body) {
        Http.Response r = new Http.Response(200, body);
        Progress.info("");
        Progress.info(heading + " " + r.text("from") + " .. " + r.text("to") + " (won)");
        Progress.info(String.format("  %-10s %8s %12s %8s %12s %12s %12s", "day", "views", "play seconds",
                "ad views", "video", "ads", "total"));
        long[] sums = new long[6];
        for (Point p : series(body)) {
            Progress.info(String.format("  %-10s %,8d %,12d %,8d %,12d %,12d %,12d", p.start(), p.views(),
                    p.playSeconds(), p.adViews(), p.videoAmount(), p.adAmount(), p.totalAmount()));
            long[] values = {p.views(), p.playSeconds(), p.adViews(), p.videoAmount(), p.adAmount(), p.totalAmount()};
            for (int i = 0; i < sums.length; i++) {
                sums[i] += values[i];
            }
        }
        Progress.info(String.format("  %-10s %,8d %,12d %,8d %,12d %,12d %,12d", "total", sums[0], sums[1], sums[2],
                sums[3], sums[4], sums[5]));
        Matcher change = TOTAL_CHANGE.matcher(body);
        if (change.find()) {
            Progress.info(String.format("  total amount against the previous %d days: %+,d won (%s)",
                    series(body).size(), Long.parseLong(change.group(1)),
                    "null".equals(change.group(2)) ? "no earlier revenue" : change.group(2) + " %"));
        }
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

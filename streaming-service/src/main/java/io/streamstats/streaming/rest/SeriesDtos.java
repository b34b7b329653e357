package io.streamstats.streaming.rest;

import io.streamstats.streaming.domain.TimeSeries;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of the time-series endpoints (channelSeries, videoSeries). */
public final class SeriesDtos {

    private SeriesDtos() {
    }

    @Schema(description = "Settled figures; amounts in whole won, totalAmount = videoAmount + adAmount")
    public record Totals(@Schema(example = "1250") long views, @Schema(example = "380400") long playSeconds,
                         @Schema(example = "2100") long adViews, @Schema(example = "1250") long videoAmount,
                         @Schema(example = "21000") long adAmount, @Schema(example = "22250") long totalAmount) {

        static Totals of(TimeSeries.Figures f) {
            return new Totals(f.views(), f.playSeconds(), f.adViews(), f.videoAmount(), f.adAmount(), f.totalAmount());
        }
    }

    @Schema(description = "One group of the series: its days within the range, start and end included")
    public record Point(@Schema(example = "2026-11-24") LocalDate start, @Schema(example = "2026-11-24") LocalDate end,
                       @Schema(example = "180") long views, @Schema(example = "54000") long playSeconds,
                       @Schema(example = "300") long adViews, @Schema(example = "180") long videoAmount,
                       @Schema(example = "3000") long adAmount, @Schema(example = "3180") long totalAmount) {

        static Point of(TimeSeries.Group g) {
            TimeSeries.Figures f = g.figures();
            return new Point(g.start(), g.end(), f.views(), f.playSeconds(), f.adViews(), f.videoAmount(),
                    f.adAmount(), f.totalAmount());
        }
    }

    @Schema(description = "The range of equal length just before from, and its totals")
    public record Previous(@Schema(example = "2026-11-17") LocalDate from, @Schema(example = "2026-11-23") LocalDate to,
                           Totals totals) {
    }

    @Schema(description = "totals minus previous totals; percent of the previous total, rounded half up to one "
            + "decimal place, null when the previous total is 0")
    public record Change(@Schema(example = "150") long difference,
                         @Schema(nullable = true, example = "13.6") BigDecimal percent) {

        static Change of(TimeSeries.Change c) {
            return new Change(c.difference(), c.percent());
        }
    }

    public record Changes(Change views, Change playSeconds, Change adViews, Change videoAmount, Change adAmount,
                          Change totalAmount) {

        static Changes of(TimeSeries.Changes c) {
            return new Changes(Change.of(c.views()), Change.of(c.playSeconds()), Change.of(c.adViews()),
                    Change.of(c.videoAmount()), Change.of(c.adAmount()), Change.of(c.totalAmount()));
        }
    }

    public record SeriesResponse(@Schema(example = "2026-11-24") LocalDate from,
                                 @Schema(example = "2026-11-30") LocalDate to, @Schema(example = "DAY") String groupBy,
                                 List<Point> series, Totals totals, Previous previous, Changes change) {

        static SeriesResponse of(TimeSeries.Series s) {
            return new SeriesResponse(s.range().from(), s.range().to(), s.grouping().name(),
                    s.groups().stream().map(Point::of).toList(), Totals.of(s.totals()),
                    new Previous(s.previousRange().from(), s.previousRange().to(), Totals.of(s.previousTotals())),
                    Changes.of(s.change()));
        }
    }
}

package io.streamstats.streaming.rest;

import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of a creator's analytics: the ranking of their own videos and the figures of the current day. */
public final class AnalyticsDtos {

    private AnalyticsDtos() {
    }

    public record RankingItem(@Schema(example = "1") int rank, @Schema(example = "42") long videoId,
                              @Schema(example = "Making kimchi") String title, @Schema(example = "1250") long views,
                              @Schema(example = "380400") long playSeconds, @Schema(example = "2100") long adViews,
                              @Schema(description = "won", example = "1250") long videoAmount,
                              @Schema(description = "won", example = "21000") long adAmount,
                              @Schema(description = "won: videoAmount + adAmount, what REVENUE ranks by",
                                      example = "22250") long totalAmount) {
    }

    public record RankingResponse(@Schema(format = "date", example = "2026-11-01") LocalDate from,
                                  @Schema(format = "date", example = "2026-11-30") LocalDate to,
                                  @Schema(enumeration = {"VIEWS", "PLAY_TIME", "REVENUE"}) String by,
                                  List<RankingItem> items) {
    }

    public record DayItem(@Schema(example = "42") long videoId, @Schema(example = "Making kimchi") String title,
                          @Schema(example = "40") long views, @Schema(example = "12000") long playSeconds,
                          @Schema(example = "70") long adViews) {
    }

    public record ChannelDayResponse(@Schema(format = "date", example = "2026-11-30") LocalDate date,
                                     @Schema(description = "true: live counters of a day not settled yet; false: the "
                                             + "settled figures", example = "true") boolean estimated,
                                     @Schema(example = "40") long views, @Schema(example = "12000") long playSeconds,
                                     @Schema(example = "70") long adViews, List<DayItem> items) {
    }

    public record VideoDayResponse(@Schema(format = "date", example = "2026-11-30") LocalDate date,
                                   @Schema(description = "true: live counters of a day not settled yet; false: the "
                                           + "settled figures", example = "true") boolean estimated,
                                   @Schema(example = "42") long videoId, @Schema(example = "Making kimchi") String title,
                                   @Schema(example = "40") long views, @Schema(example = "12000") long playSeconds,
                                   @Schema(example = "70") long adViews) {
    }
}

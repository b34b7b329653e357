package io.streamstats.streaming.rest;

import java.time.LocalDate;
import java.util.List;

public final class ReportDtos {

    private ReportDtos() {
    }

    public record TopItem(int rank, long videoId, String title, long views, long playSeconds) {
    }

    public record TopResponse(String period, LocalDate from, LocalDate to, String by, String scope,
                              List<TopItem> items) {
    }

    public record SettlementItem(long videoId, String title, long views, long adViews, long videoAmount,
                                 long adAmount, long totalAmount) {
    }

    public record SettlementResponse(String period, LocalDate from, LocalDate to, long videoAmount, long adAmount,
                                     long totalAmount, List<SettlementItem> items) {
    }
}

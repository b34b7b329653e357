package io.streamstats.streaming.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

public final class ReportDtos {

    private ReportDtos() {
    }

    public record TopItem(@Schema(example = "1") int rank, @Schema(example = "42") long videoId,
                          @Schema(example = "Making kimchi") String title, @Schema(example = "1250") long views,
                          @Schema(example = "380400") long playSeconds) {
    }

    public record TopResponse(@Schema(example = "WEEKLY") String period,
                              @Schema(example = "2026-11-30") LocalDate from, @Schema(example = "2026-12-06") LocalDate to,
                              @Schema(example = "VIEWS") String by, @Schema(example = "ALL") String scope,
                              List<TopItem> items) {
    }

    public record SettlementItem(@Schema(example = "42") long videoId, @Schema(example = "Making kimchi") String title,
                                 @Schema(example = "1250") long views, @Schema(example = "2100") long adViews,
                                 @Schema(example = "1250", description = "won") long videoAmount,
                                 @Schema(example = "21000", description = "won") long adAmount,
                                 @Schema(example = "22250", description = "won") long totalAmount) {
    }

    public record SettlementResponse(@Schema(example = "MONTHLY") String period,
                                     @Schema(example = "2026-11-01") LocalDate from,
                                     @Schema(example = "2026-11-30") LocalDate to,
                                     @Schema(example = "final", enumeration = {StatementCsv.PROVISIONAL,
                                             StatementCsv.FINAL}, description = "final: the period is over and every"
                                             + " day of it is settled, so these amounts are what is paid;"
                                             + " provisional: they may still grow (days to come or to be settled),"
                                             + " and zero may mean not settled yet")
                                     String status,
                                     @Schema(example = "1250", description = "won") long videoAmount,
                                     @Schema(example = "21000", description = "won") long adAmount,
                                     @Schema(example = "22250", description = "won") long totalAmount,
                                     List<SettlementItem> items) {
    }
}

-- Late rows: watch history that reached a day after it was settled (a slow request, a restored replica, a back-fill
-- of lost events). The nightly settlement compares each recently settled day's watch_history rows with its
-- settled_dates.rows_read (the rows its figures hold, recorded at settle time) and, for a day holding more, records a
-- detection here and re-settles from the earliest such day. One open detection per day (resettled_at NULL) until a
-- run re-settles it; streaming-service exports the totals (SettlementMetrics), since the batch is never scraped.
CREATE TABLE settlement_late_rows (
    stat_date    DATE        NOT NULL,
    detected_at  DATETIME(6) NOT NULL,
    rows_settled BIGINT      NOT NULL,
    rows_found   BIGINT      NOT NULL,
    resettled_at DATETIME(6) NULL,
    PRIMARY KEY (stat_date, detected_at)
) ENGINE = InnoDB;

-- The late-rows sweep (settlement-batch): besides the last days the nightly run always checks, it re-counts the
-- settled days before them, a few a night, the one verified longest ago first, so rows reaching an older day (a
-- restored replica, a back-fill of lost events) are found within as many nights as there are such days.
-- checked_at: when the sweep last counted the day's rows; a day's figures are verified as of
-- GREATEST(settled_dates.settled_at, checked_at). A new table only: the release before ignores it.
CREATE TABLE settlement_late_checks (
    stat_date  DATE        NOT NULL,
    checked_at DATETIME(6) NOT NULL,
    PRIMARY KEY (stat_date)
) ENGINE = InnoDB;

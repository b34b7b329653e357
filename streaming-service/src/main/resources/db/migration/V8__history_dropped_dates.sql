-- Days whose raw watch history the settlement batch dropped for retention (`partitions`, after the day was settled
-- and older than SETTLEMENT_HISTORY_RETENTION_DAYS). Their settled figures stand as they are; the batch refuses to
-- re-settle such a day, alone or as part of a cascade, since it would settle it from no rows (zeros). Written
-- before the partition is dropped, so a day is never without both its rows and this record.
CREATE TABLE history_dropped_dates (
    stat_date      DATE        NOT NULL,
    partition_name VARCHAR(64) NOT NULL,
    dropped_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (stat_date)
) ENGINE = InnoDB;

-- Which price schedule priced each settled day, by the day the schedule applies from (settlement-batch's
-- TierPricing). The batch refuses to re-settle a day with a different schedule, so a price change never alters a
-- settled day. Days settled before this table existed have no row and are recorded when next settled.
CREATE TABLE settled_prices (
    stat_date   DATE NOT NULL,
    prices_from DATE NOT NULL,
    PRIMARY KEY (stat_date)
) ENGINE = InnoDB;

-- What each viewer's pauses have used (DESIGN §2: what is credited never exceeds what could have been watched).
-- credited_until_us: up to when the viewer's time has been credited to their playbacks (epoch microseconds, the
-- primary's clock, exact: the instants it is computed from are microseconds, and a millisecond rounded down would
-- give a viewer back time that was credited). A viewer watches one thing at a time: every pause takes its credit
-- from the viewer's time after this instant and moves it on, so playbacks held open at once, or play and pause
-- repeated around an ad, share one budget. ad_reserve_ms: the play the viewer's ad reserve holds (0 .. 900,000: three ads of 5 minutes); each
-- credited second refills it, each credited ad takes 5 minutes from it, so a loop around an ad earns no more ads than
-- watching would.
-- One row per viewer who has paused; every batch holding a pause of the viewer locks it first (lock order:
-- viewer_credit by viewer, viewer_video_state by (viewer, video), playbacks by id, live_video_day by video).
-- A new table only: the release before this one runs against the schema unchanged (it credits per playback).
CREATE TABLE viewer_credit (
    viewer_id         BIGINT NOT NULL,
    credited_until_us BIGINT NOT NULL,
    ad_reserve_ms     BIGINT NOT NULL,
    PRIMARY KEY (viewer_id)
) ENGINE = InnoDB;

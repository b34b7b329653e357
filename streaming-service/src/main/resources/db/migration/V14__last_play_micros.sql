-- The 30-second window (DESIGN §2) measured to the microsecond. The batch instant that dates a play is the primary's
-- clock in microseconds, but the last play was kept in whole milliseconds (last_play_epoch_ms, rounded down), so a
-- replay up to 1 ms short of 30 s after the play could be measured as 30 s and counted as a view.
-- last_play_us: the same instant in epoch microseconds. A column added at the end (instant on MySQL 8.4 and
-- MariaDB 10.11; no table copy). This release writes both columns and reads the later of the two, so pods of the
-- release before it, which write only last_play_epoch_ms during a rolling update, are still read right; a later
-- release can drop last_play_epoch_ms.
-- Even an instant ALTER takes the table's metadata lock, and every play and pause queued behind it would wait as
-- long as a transaction left open on the table by another pod: wait 5 s at most, then fail the migration (the
-- init container retries; pods of the previous release keep serving meanwhile).
SET SESSION lock_wait_timeout = 5;
ALTER TABLE viewer_video_state ADD COLUMN last_play_us BIGINT NULL;
SET SESSION lock_wait_timeout = DEFAULT;

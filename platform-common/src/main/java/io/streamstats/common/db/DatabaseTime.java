package io.streamstats.common.db;

import java.time.Instant;

/**
 * Instants on the database's clock, exchanged as microseconds since the epoch (BIGINT) and converted to and from
 * UTC DATETIME(6) in SQL: no time-zone conversion by the driver, and no lost fraction (the MySQL driver drops the
 * fraction of date-time parameters when the server reports a MariaDB version). SQL valid on MySQL and MariaDB.
 */
public final class DatabaseTime {

    /** Microseconds since the epoch of the database's clock now. */
    public static final String NOW_MICROS = microsOf("UTC_TIMESTAMP(6)");

    private DatabaseTime() {
    }

    /** Microseconds since the epoch of a UTC DATETIME(6) expression, as a BIGINT. */
    public static String microsOf(String dateTimeExpression) {
        return "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + dateTimeExpression + ")";
    }

    /** The UTC DATETIME(6) of a BIGINT expression holding microseconds since the epoch. */
    public static String dateTimeOf(String microsExpression) {
        return "TIMESTAMPADD(MICROSECOND, " + microsExpression + ", '1970-01-01 00:00:00')";
    }

    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public static long microsOf(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}

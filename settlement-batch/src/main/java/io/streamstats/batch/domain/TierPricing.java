package io.streamstats.batch.domain;

import java.util.List;

/**
 * The price of a day's views and ad views (DESIGN §2), in one place. The unit price of the n-th view (or ad view)
 * of a video depends on n, counted over the video's lifetime; a day is priced marginally from the count at the
 * end of the previous day. Prices are multiples of 0.1 won, so amounts are computed exactly in integer tenths and
 * truncated to whole won per video per day. The batch runs this rule inside the database: {@link #sqlTenths}
 * renders the same tier table as SQL, and tests check both agree.
 */
public final class TierPricing {

    /** One tier: the n-th views from {@code first} to {@code last} (inclusive) cost {@code tenths} / 10 won each. */
    public record Tier(long first, long last, long tenths) {
    }

    public enum Kind {
        VIDEO(List.of(new Tier(1, 99_999, 10), new Tier(100_000, 499_999, 11), new Tier(500_000, 999_999, 13),
                new Tier(1_000_000, Long.MAX_VALUE, 15))),
        AD(List.of(new Tier(1, 99_999, 100), new Tier(100_000, 499_999, 120), new Tier(500_000, 999_999, 150),
                new Tier(1_000_000, Long.MAX_VALUE, 200)));

        private final List<Tier> tiers;

        Kind(List<Tier> tiers) {
            this.tiers = tiers;
        }

        public List<Tier> tiers() {
            return tiers;
        }
    }

    private TierPricing() {
    }

    /** Exact price in tenths of won of {@code count} views numbered {@code before + 1 .. before + count}. */
    public static long tenths(Kind kind, long before, long count) {
        if (before < 0 || count < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        long after = before + count;
        long total = 0;
        for (Tier tier : kind.tiers()) {
            long inTier = Math.min(after, tier.last()) - Math.max(before, tier.first() - 1);
            if (inTier > 0) {
                total = Math.addExact(total, Math.multiplyExact(inTier, tier.tenths()));
            }
        }
        return total;
    }

    /** The day's amount in whole won: the exact price, truncated. */
    public static long won(Kind kind, long before, long count) {
        return tenths(kind, before, count) / 10;
    }

    /**
     * The same computation as SQL over two integer expressions (MySQL 8.4 and MariaDB): the number in each tier
     * is {@code GREATEST(0, LEAST(after, last) - GREATEST(before, first - 1))}.
     */
    public static String sqlWon(Kind kind, String beforeExpr, String countExpr) {
        return "((" + sqlTenths(kind, beforeExpr, countExpr) + ") DIV 10)";
    }

    static String sqlTenths(Kind kind, String beforeExpr, String countExpr) {
        StringBuilder sql = new StringBuilder();
        for (Tier tier : kind.tiers()) {
            if (!sql.isEmpty()) {
                sql.append(" + ");
            }
            String after = "(" + beforeExpr + " + " + countExpr + ")";
            String upper = tier.last() == Long.MAX_VALUE ? after : "LEAST(" + after + ", " + tier.last() + ")";
            sql.append("GREATEST(0, ").append(upper).append(" - GREATEST(").append(beforeExpr).append(", ")
                    .append(tier.first() - 1).append(")) * ").append(tier.tenths());
        }
        return sql.toString();
    }
}

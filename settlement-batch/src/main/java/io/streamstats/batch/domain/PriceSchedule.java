package io.streamstats.batch.domain;

import io.streamstats.batch.domain.TierPricing.Kind;
import io.streamstats.batch.domain.TierPricing.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One set of tier prices and the day from which it applies. The tier of the n-th view (or ad view) is found by n
 * counted over the video's whole lifetime, whatever schedule priced the earlier views: a new schedule changes the
 * price of each tier, not the count. Amounts are exact in integer tenths of won; {@link #sqlWon} renders the same
 * computation as SQL, and tests check both agree.
 */
public record PriceSchedule(LocalDate effectiveFrom, List<Tier> video, List<Tier> ad) {

    public PriceSchedule {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        video = checked("video", video);
        ad = checked("ad", ad);
    }

    /** Tiers must cover every n from 1 upwards without gap or overlap, or some views would be free or paid twice. */
    private static List<Tier> checked(String what, List<Tier> tiers) {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException(what + " tiers are missing");
        }
        long next = 1;
        for (Tier tier : tiers) {
            if (tier.first() != next || tier.last() < tier.first() || tier.tenths() < 0) {
                throw new IllegalArgumentException(what + " tier " + tier + " does not continue from view " + next);
            }
            next = tier.last() == Long.MAX_VALUE ? Long.MAX_VALUE : tier.last() + 1;
        }
        if (tiers.getLast().last() != Long.MAX_VALUE) {
            throw new IllegalArgumentException(what + " tiers end at view " + tiers.getLast().last());
        }
        return List.copyOf(tiers);
    }

    public List<Tier> tiers(Kind kind) {
        return kind == Kind.VIDEO ? video : ad;
    }

    /** Exact price in tenths of won of {@code count} views numbered {@code before + 1 .. before + count}. */
    public long tenths(Kind kind, long before, long count) {
        if (before < 0 || count < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        long after = before + count;
        long total = 0;
        for (Tier tier : tiers(kind)) {
            long inTier = Math.min(after, tier.last()) - Math.max(before, tier.first() - 1);
            if (inTier > 0) {
                total = Math.addExact(total, Math.multiplyExact(inTier, tier.tenths()));
            }
        }
        return total;
    }

    /** The day's amount in whole won: the exact price, truncated. */
    public long won(Kind kind, long before, long count) {
        return tenths(kind, before, count) / 10;
    }

    /**
     * The same computation as SQL over two integer expressions (MySQL 8.4 and MariaDB): the number in each tier
     * is {@code GREATEST(0, LEAST(after, last) - GREATEST(before, first - 1))}.
     */
    public String sqlWon(Kind kind, String beforeExpr, String countExpr) {
        return "((" + sqlTenths(kind, beforeExpr, countExpr) + ") DIV 10)";
    }

    String sqlTenths(Kind kind, String beforeExpr, String countExpr) {
        StringBuilder sql = new StringBuilder();
        for (Tier tier : tiers(kind)) {
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

package de.wattos.analytics.internal;

/**
 * Fixed latency buckets (milliseconds) kept in the rollups, so percentiles over any period are one sum of
 * bucket counts away. A percentile is interpolated linearly inside its bucket: exact to the bucket width.
 */
final class LatencyHistogram {

    /** Upper bounds (exclusive) of the buckets; the last bucket is open-ended. */
    static final long[] BOUNDS = {50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000, 7_500,
            10_000, 15_000, 20_000, 30_000, 60_000, 120_000};
    static final int SIZE = BOUNDS.length + 1;

    private LatencyHistogram() {
    }

    static int bucketOf(long ms) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (ms < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** One-hot counts for a single value, as stored by an upsert that adds arrays element-wise. */
    static Integer[] single(Long ms) {
        Integer[] counts = new Integer[SIZE];
        java.util.Arrays.fill(counts, 0);
        if (ms != null) {
            counts[bucketOf(Math.max(0, ms))] = 1;
        }
        return counts;
    }

    /** The q-quantile (0..1) of the counted values, or null without any. */
    static Long percentile(long[] counts, double q) {
        return percentile(BOUNDS, counts, q);
    }

    /** The q-quantile of counts kept in buckets with these upper bounds (one open-ended bucket more than bounds). */
    static Long percentile(long[] bounds, long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return null;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            if (seen + counts[i] >= rank) {
                long lower = i == 0 ? 0 : bounds[i - 1];
                long upper = i < bounds.length ? bounds[i] : lower * 2;
                double within = (rank - seen) / counts[i];
                return Math.round(lower + within * (upper - lower));
            }
            seen += counts[i];
        }
        return bounds[bounds.length - 1];
    }
}

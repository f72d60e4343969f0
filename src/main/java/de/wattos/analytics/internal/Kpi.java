package de.wattos.analytics.internal;

/**
 * One key figure with the previous period's value and the trend ({@code up}, {@code down}, {@code stable}).
 * {@code noData} explains a figure that cannot be given yet (its source events do not exist): value, previous
 * and trend are then null, never an invented number.
 */
public record Kpi(Number value, Number previous, String trend, Double change, String noData) {

    static Kpi of(Number value, Number previous, double threshold) {
        if (value == null || previous == null) {
            return new Kpi(value, previous, null, null, null);
        }
        double v = value.doubleValue();
        double p = previous.doubleValue();
        if (p == 0) {
            return new Kpi(value, previous, v == 0 ? "stable" : v > 0 ? "up" : "down", null, null);
        }
        double change = (v - p) / Math.abs(p);
        String trend = change > threshold ? "up" : change < -threshold ? "down" : "stable";
        return new Kpi(value, previous, trend, Math.round(change * 10_000) / 10_000.0, null);
    }

    static Kpi noData(String reason) {
        return new Kpi(null, null, null, null, reason);
    }
}

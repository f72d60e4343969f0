package de.wattos.analytics.internal;

import java.util.Arrays;
import java.util.Optional;

/** What a dashboard grid item shows: the seed's six widgets plus KPI tile, chart, unanswered, top pages, feedback. */
public enum DashboardWidgetType {
    OVERVIEW("overview"), CONVERSATIONS("conversations"), AGENTS("agents"), ANALYTICS("analytics"),
    METRICS("metrics"), KB_SYNC("kb-sync"), KPI_TILE("kpi-tile"), TIME_SERIES("time-series"),
    UNANSWERED("unanswered"), TOP_PAGES("top-pages"), FEEDBACK("feedback");

    private final String wire;

    DashboardWidgetType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DashboardWidgetType> of(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}

package de.wattos.analytics.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a crawl run ended, as the crawl module's {@code CrawlFinished} reports it. Stored in
 * {@code analytics_crawls.status} and shown in the KPI report by its {@link #wire() wire} value
 * ({@code succeeded}, {@code failed}, {@code cancelled}).
 */
public enum CrawlRunStatus {
    SUCCEEDED, FAILED, CANCELLED;

    /** The value in the database and in JSON. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire or database value (any case); unknown values are refused. */
    public static CrawlRunStatus of(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("A crawl run status is required");
        }
        return valueOf(wire.strip().toUpperCase(Locale.ROOT));
    }
}

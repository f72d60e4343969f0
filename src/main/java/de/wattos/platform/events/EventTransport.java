package de.wattos.platform.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where the bus keeps its ordered, replayable event log for live subscribers (the SSE stream). The embedded
 * default keeps it in a PostgreSQL table; production mode can put it on Redis Streams as another implementation
 * of this interface. Cursors are opaque to callers (they become SSE event ids).
 */
public interface EventTransport {

    /** One logged event and its position in the log. */
    record Entry(String cursor, DomainEvent event) {
    }

    /** Appends the event once (a second append of the same event id is ignored). */
    void append(DomainEvent event);

    /** Up to {@code limit} events of the tenant after the cursor (null: from the oldest one kept), oldest
     * first. Runs in the tenant's scope ({@code TenantContext}). */
    List<Entry> readAfter(UUID tenantId, String cursor, int limit);

    /** The cursor of the tenant's newest logged event, or null if it has none. */
    String head(UUID tenantId);

    /** Called (on any thread) after events were appended on this node, so waiting readers can read at once. */
    AutoCloseable onAppend(Runnable listener);

    /** Forgets events logged before the instant; returns how many. */
    int pruneBefore(Instant instant);
}

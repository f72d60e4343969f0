package de.wattos.analytics.internal;

import de.wattos.platform.TenantJdbc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.ZoneId;
import java.time.ZoneOffset;
import de.wattos.platform.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the bound tenant's rollups from its raw event log, in event order, in one transaction, in batches
 * through the same {@link Rollups#apply} the live path uses.
 */
@Component
class RollupRebuild {

    private static final int BATCH = 2_000;

    private final TenantJdbc jdbc;
    private final TransactionOperations tx;
    private final Rollups rollups;
    private final JsonMapper json;

    RollupRebuild(TenantJdbc jdbc, TransactionOperations tx, Rollups rollups, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rollups = rollups;
        this.json = json;
    }

    /** Returns the number of events replayed. */
    long rebuild() {
        Long replayed = tx.execute(status -> {
            rollups.clear();
            ZoneId zone = TenantContext.current().timeZone();
            Map<UUID, ZoneId> zones = Map.of(jdbc.tenantId(), zone == null ? ZoneOffset.UTC : zone);
            long[] count = {0};
            List<EventIngestion.Entry> batch = new ArrayList<>();
            jdbc.sql("""
                    select type, payload::text, id, conversation_id, occurred_at from analytics_events where tenant_id = :tenantId
                    order by occurred_at, id""")
                    .withFetchSize(BATCH)
                    .query(rs -> {
                        Class<?> type = EventIngestion.TYPES.get(rs.getString(1));
                        if (type != null) {
                            // as logged (visitor already a pseudonym), not through EventIngestion.entryOf
                            batch.add(new EventIngestion.Entry(rs.getObject(3, UUID.class), jdbc.tenantId(),
                                    rs.getString(1), rs.getTimestamp(5).toInstant(), rs.getObject(4, UUID.class),
                                    json.readValue(rs.getString(2), type)));
                            count[0]++;
                            if (batch.size() == BATCH) {
                                rollups.apply(batch, false, zones);
                                batch.clear();
                            }
                        }
                    });
            rollups.apply(batch, false, zones);
            return count[0];
        });
        return replayed == null ? 0 : replayed;
    }
}

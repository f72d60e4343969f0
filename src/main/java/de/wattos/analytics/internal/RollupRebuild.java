package de.wattos.analytics.internal;

import de.wattos.platform.TenantJdbc;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/** Rebuilds the bound tenant's rollups from its raw event log, in event order, in one transaction. */
@Component
class RollupRebuild {

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
            long[] count = {0};
            jdbc.sql("""
                    select type, payload::text from analytics_events where tenant_id = :tenantId
                    order by occurred_at, id""")
                    .query(rs -> {
                        Class<?> type = EventIngestion.TYPES.get(rs.getString(1));
                        if (type != null) {
                            rollups.replay(json.readValue(rs.getString(2), type));
                            count[0]++;
                        }
                    });
            return count[0];
        });
        return replayed == null ? 0 : replayed;
    }
}

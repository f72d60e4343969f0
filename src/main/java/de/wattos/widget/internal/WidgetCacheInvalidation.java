package de.wattos.widget.internal;

import de.wattos.platform.cluster.ClusterSignals;
import de.wattos.platform.events.DomainEvent;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Forgets cached widget lookups when a widget or a knowledge space of the tenant changed. The module listener runs
 * once, on the instance that made the change; it tells every instance (itself included) through a cluster signal
 * ({@value #FORGET}), so no instance serves a widget's old configuration until its cache entry expires.
 */
@Component
class WidgetCacheInvalidation {

    static final String FORGET = "widget.cache.forget";

    private final Widgets widgets;
    private final ClusterSignals signals;

    WidgetCacheInvalidation(Widgets widgets, ClusterSignals signals) {
        this.widgets = widgets;
        this.signals = signals;
        signals.subscribe(FORGET, tenantId -> {
            try {
                widgets.forgetCached(UUID.fromString(tenantId));
            } catch (IllegalArgumentException malformed) {
                // not a tenant id: nothing cached under it
            }
        });
    }

    @ApplicationModuleListener(id = "widget.cache-invalidation",
            condition = "#event.tenantId() != null && #event.matches('channel.widget.*', 'knowledge.space.*')")
    void on(DomainEvent event) {
        widgets.forgetCached(event.tenantId()); // here at once; the signal may arrive a moment later
        signals.publish(FORGET, event.tenantId().toString());
    }
}

package de.wattos.widget.internal;

import de.wattos.platform.events.DomainEvent;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Forgets cached widget lookups when a widget or a knowledge space of the tenant changed, on whichever instance
 * made the change (the widget's own writes evict locally at once; this covers the other instances and spaces).
 */
@Component
class WidgetCacheInvalidation {

    private final Widgets widgets;

    WidgetCacheInvalidation(Widgets widgets) {
        this.widgets = widgets;
    }

    @ApplicationModuleListener(id = "widget.cache-invalidation",
            condition = "#event.tenantId() != null && #event.matches('channel.widget.*', 'knowledge.space.*')")
    void on(DomainEvent event) {
        widgets.forgetCached(event.tenantId());
    }
}

package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.DashboardLayout;
import de.wattos.analytics.internal.Dashboards;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Low-code dashboards of a tenant: reading needs a viewer, saving an editor (the default rule); writes audited.
 * The tenant is bound centrally from the path.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/dashboards")
class DashboardController {

    private final Dashboards dashboards;
    private final AuditLog audit;
    private final MessageSource messages;

    DashboardController(Dashboards dashboards, AuditLog audit, MessageSource messages) {
        this.dashboards = dashboards;
        this.audit = audit;
        this.messages = messages;
    }

    record DashboardRequest(String name, List<DashboardLayout.Item> layout, Boolean isDefault) {
    }

    record DashboardList(List<Dashboards.Dashboard> items, List<String> widgetTypes, int columns, int maxRows) {
    }

    @GetMapping
    DashboardList list() {
        String defaultName = messages.getMessage("analytics.dashboard.default_name", null, "Übersicht",
                LocaleContextHolder.getLocale());
        return new DashboardList(dashboards.list(defaultName),
                java.util.Arrays.stream(de.wattos.analytics.internal.DashboardWidgetType.values())
                        .map(de.wattos.analytics.internal.DashboardWidgetType::wire).toList(),
                DashboardLayout.COLUMNS, DashboardLayout.MAX_ROWS);
    }

    @GetMapping("/{id}")
    Dashboards.Dashboard get(@PathVariable UUID id) {
        return dashboards.find(id).orElseThrow(() -> ApiException.notFound("Dashboard"));
    }

    @PostMapping
    ResponseEntity<Dashboards.Dashboard> create(@RequestBody DashboardRequest body) {
        DashboardRequest b = body == null ? new DashboardRequest(null, null, null) : body;
        List<DashboardLayout.Item> layout = DashboardLayout.validate(b.name(), b.layout());
        Dashboards.Dashboard d = dashboards.create(b.name(), layout, Boolean.TRUE.equals(b.isDefault()),
                CurrentActor.get().label());
        record("dashboard.created", d.id(), Map.of("items", layout.size()));
        return ResponseEntity.created(URI.create("dashboards/" + d.id())).body(d);
    }

    @PutMapping("/{id}")
    Dashboards.Dashboard update(@PathVariable UUID id, @RequestBody DashboardRequest body) {
        DashboardRequest b = body == null ? new DashboardRequest(null, null, null) : body;
        dashboards.find(id).orElseThrow(() -> ApiException.notFound("Dashboard"));
        List<DashboardLayout.Item> layout = DashboardLayout.validate(b.name(), b.layout());
        Dashboards.Dashboard d = dashboards.update(id, b.name(), layout, b.isDefault(), CurrentActor.get().label());
        record("dashboard.updated", id, Map.of("items", layout.size()));
        return d;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        dashboards.delete(id);
        record("dashboard.deleted", id, Map.of());
    }

    private void record(String action, UUID id, Map<String, Object> details) {
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), action, "dashboard",
                id.toString(), details));
    }
}

package de.wattos.kb.sync.web;

import de.wattos.kb.KnowledgeSync;
import de.wattos.kb.SyncItem;
import de.wattos.kb.sync.FileExportTargetFactory;
import de.wattos.kb.sync.Outbox;
import de.wattos.kb.sync.OutboxStatus;
import de.wattos.kb.sync.SyncTargetService;
import de.wattos.kb.sync.SyncTargets;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sync targets of approved knowledge and their delivery status: {@code /api/v1/tenants/{tenant}/kb/sync-targets};
 * {@code POST /api/v1/tenants/{tenant}/kb/sync} delivers what is due now. Configuring takes a tenant admin.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/kb")
class SyncTargetController {

    record CreateRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 50) String type,
            @Size(max = 2000) String url, @Size(max = 20) Map<@Size(max = 100) String, @Size(max = 2000) String> options,
            @Size(max = 4000) String secret, Boolean enabled) {
    }

    record Status(long pending, long delivered, long dead, Instant lastDeliveredAt, String lastError) {
    }

    record TargetView(UUID id, String name, String type, String url, Map<String, String> options, boolean hasSecret,
            String secretHint, boolean enabled, Status status, Instant createdAt) {
    }

    record ItemView(UUID id, String itemId, String version, boolean deleted, String url, String title,
            OutboxStatus status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
            Instant deliveredAt) {
    }

    record Retried(int rows) {
    }

    record Triggered(boolean triggered) {
    }

    record Bundle(String name, long sizeBytes) {
    }

    private final SyncTargetService service;
    private final SyncTargets targets;
    private final Outbox outbox;
    private final KnowledgeSync sync;
    private final FileExportTargetFactory exports;

    SyncTargetController(SyncTargetService service, SyncTargets targets, Outbox outbox, KnowledgeSync sync,
            FileExportTargetFactory exports) {
        this.service = service;
        this.targets = targets;
        this.outbox = outbox;
        this.sync = sync;
        this.exports = exports;
    }

    @GetMapping("/sync-targets")
    List<TargetView> list() {
        return targets.list().stream().map(this::view).toList();
    }

    @PostMapping("/sync-targets")
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<TargetView> create(@Valid @RequestBody CreateRequest r) {
        var target = service.create(r.name().strip(), r.type().strip().toLowerCase(Locale.ROOT), r.url(), r.options(),
                r.secret(), r.enabled() == null || r.enabled());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(target));
    }

    @GetMapping("/sync-targets/{target}")
    TargetView get(@PathVariable String target) {
        return view(service.get(id(target)));
    }

    @DeleteMapping("/sync-targets/{target}")
    @TenantRole(Role.TENANT_ADMIN)
    ResponseEntity<Void> delete(@PathVariable String target) {
        service.delete(id(target));
        return ResponseEntity.noContent().build();
    }

    /** The target's items and where each stands ({@code status}: pending, delivered, dead; none = all). */
    @GetMapping("/sync-targets/{target}/items")
    Page<ItemView> items(@PathVariable String target, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        UUID id = service.get(id(target)).id();
        Page.check(page, size);
        OutboxStatus filter = parseStatus(status);
        return new Page<>(outbox.list(id, filter, page, size).stream().map(SyncTargetController::item).toList(), page,
                size, outbox.count(id, filter));
    }

    /** Tests the connection with the stored configuration (an empty batch for webhook and F13). */
    @PostMapping("/sync-targets/{target}/test")
    @TenantRole(Role.TENANT_ADMIN)
    SyncTargetService.ProbeResult test(@PathVariable String target) {
        return service.probe(id(target));
    }

    /** The target types this installation offers (for the console's form). */
    @GetMapping("/sync-target-types")
    List<String> types() {
        return service.types();
    }

    /** Dead-lettered items go back to the queue and are delivered now. */
    @PostMapping("/sync-targets/{target}/retry")
    @TenantRole(Role.TENANT_ADMIN)
    Retried retry(@PathVariable String target) {
        int rows = service.retryDead(id(target));
        sync.syncNow();
        return new Retried(rows);
    }

    @GetMapping("/sync-targets/{target}/exports")
    List<Bundle> bundles(@PathVariable String target) throws IOException {
        var t = requireExport(service.get(id(target)));
        return exports.bundles(t.tenantId(), t.id()).stream().map(p -> new Bundle(p.getFileName().toString(), size(p))).toList();
    }

    @GetMapping("/sync-targets/{target}/exports/{name}")
    ResponseEntity<Resource> bundle(@PathVariable String target, @PathVariable String name) {
        var t = requireExport(service.get(id(target)));
        if (!FileExportTargetFactory.BUNDLE_NAME.matcher(name).matches()) {
            throw ApiException.notFound("Export_bundle");
        }
        Path file = exports.directory(t.tenantId(), t.id()).resolve(name);
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("Export_bundle");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(new FileSystemResource(file));
    }

    @PostMapping("/sync")
    ResponseEntity<Triggered> syncNow() {
        sync.syncNow();
        return ResponseEntity.accepted().body(new Triggered(true));
    }

    private static SyncTargets.Target requireExport(SyncTargets.Target t) {
        if (!t.type().equals("file-export")) {
            throw ApiException.notFound("Export_bundle");
        }
        return t;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private TargetView view(SyncTargets.Target t) {
        Outbox.Counts c = outbox.counts(t.id());
        return new TargetView(t.id(), t.name(), t.type(), t.url(), t.options(), t.secret() != null, t.secretHint(),
                t.enabled(), new Status(c.pending(), c.delivered(), c.dead(), c.lastDeliveredAt(), c.lastError()),
                t.createdAt());
    }

    private static ItemView item(Outbox.Entry e) {
        SyncItem i = e.item();
        return new ItemView(e.id(), e.itemId(), e.contentHash(), i.deleted(), i.url(), i.title(), e.status(), e.attempts(),
                e.nextAttemptAt(), e.lastError(), e.createdAt(), e.deliveredAt());
    }

    private static UUID id(String value) {
        UUID id = Ids.parseOrNull(value);
        if (id == null) {
            throw ApiException.notFound("Sync_target");
        }
        return id;
    }

    private static OutboxStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return OutboxStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "kb.sync.status_unknown");
        }
    }
}

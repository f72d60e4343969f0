package de.wattos.f13.internal.web;

import de.wattos.kb.KnowledgeSync;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed's {@code POST /api/v1/tenants/{tenant}/f13/sync-kb}: delivers the tenant's due knowledge sync now. */
@RestController
class F13SyncController {

    record Triggered(boolean triggered) {
    }

    private final KnowledgeSync sync;

    F13SyncController(KnowledgeSync sync) {
        this.sync = sync;
    }

    @PostMapping("/api/v1/tenants/{tenant}/f13/sync-kb")
    ResponseEntity<Triggered> syncKb() {
        sync.syncNow();
        return ResponseEntity.accepted().body(new Triggered(true));
    }
}

package de.wattos.knowledge.internal;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Knowledge spaces of the current tenant: the contract for other modules and the operations behind the API. */
@Service
public class SpaceService implements KnowledgeSpaces {

    private final Spaces spaces;
    private final SearchIndex index;
    private final TransactionTemplate tx;
    private final ObjectProvider<AuditLog> audit;

    SpaceService(Spaces spaces, SearchIndex index, TransactionTemplate tx, ObjectProvider<AuditLog> audit) {
        this.spaces = spaces;
        this.index = index;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public boolean exists(UUID spaceId) {
        return spaces.exists(spaceId);
    }

    public Spaces.Space get(UUID id) {
        return spaces.find(id).orElseThrow(() -> ApiException.notFound("Space"));
    }

    public Spaces.Space create(String name, String description, String language) {
        if (spaces.nameTaken(name, null)) {
            throw ApiException.conflict("space_name_taken", "A space named '" + name + "' already exists");
        }
        Spaces.Space space;
        try {
            space = spaces.create(name, description, language);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("space_name_taken", "A space named '" + name + "' already exists");
        }
        record("space.created", space.id(), Map.of("name", name));
        return space;
    }

    public Spaces.Space update(UUID id, String name, String description, String language) {
        if (spaces.nameTaken(name, id)) {
            throw ApiException.conflict("space_name_taken", "A space named '" + name + "' already exists");
        }
        Spaces.Space space;
        try {
            space = spaces.update(id, name, description, language).orElseThrow(() -> ApiException.notFound("Space"));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("space_name_taken", "A space named '" + name + "' already exists");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", name);
        record("space.updated", id, details);
        return space;
    }

    /** Deletes the space with all its documents, chunks and vectors; its chunks leave the index at once. */
    public void delete(UUID id) {
        Boolean deleted = tx.execute(s -> spaces.delete(id));
        if (!Boolean.TRUE.equals(deleted)) {
            throw ApiException.notFound("Space");
        }
        index.deleteSpace(id);
        record("space.deleted", id, Map.of());
    }

    private void record(String action, UUID id, Map<String, Object> details) {
        AuditLog log = audit.getIfAvailable();
        if (log != null) {
            log.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), action, "knowledge_space",
                    id.toString(), details));
        }
    }
}

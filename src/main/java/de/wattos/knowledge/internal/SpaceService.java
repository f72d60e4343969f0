package de.wattos.knowledge.internal;

import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.knowledge.SpaceDeleted;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Knowledge spaces of the current tenant: the contract for other modules and the operations behind the API. */
@Service
public class SpaceService implements KnowledgeSpaces {

    private final Spaces spaces;
    private final SearchIndex index;
    private final TransactionTemplate tx;
    private final DomainEvents bus;

    SpaceService(Spaces spaces, SearchIndex index, TransactionTemplate tx, DomainEvents bus) {
        this.spaces = spaces;
        this.index = index;
        this.tx = tx;
        this.bus = bus;
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

    /**
     * Deletes the space with all its documents, chunks and vectors; its chunks leave the index at once. The
     * {@link SpaceDeleted} event is stored with the deletion, so modules keeping things per space clean up even
     * after a crash.
     */
    public void delete(UUID id) {
        String name = spaces.find(id).map(Spaces.Space::name).orElse(null);
        Boolean deleted = tx.execute(s -> {
            boolean gone = spaces.delete(id);
            if (gone) {
                bus.publish(new SpaceDeleted(TenantContext.currentId(), id, name));
            }
            return gone;
        });
        if (!Boolean.TRUE.equals(deleted)) {
            throw ApiException.notFound("Space");
        }
        index.deleteSpace(id);
    }

    private void record(String action, UUID id, Map<String, Object> details) {
        bus.publish(DomainEvent.of(EventDomain.KNOWLEDGE, action, DomainEvent.Subject.of("knowledge_space", id), details));
    }
}

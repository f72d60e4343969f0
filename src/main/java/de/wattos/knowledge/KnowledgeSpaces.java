package de.wattos.knowledge;

import java.util.UUID;

/** What other modules may ask about the current tenant's knowledge spaces. */
public interface KnowledgeSpaces {

    /** True if the space exists for the current tenant ({@code TenantContext}). */
    boolean exists(UUID spaceId);
}

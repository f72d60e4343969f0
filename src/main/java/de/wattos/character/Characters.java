package de.wattos.character;

/** Characters as the chat sees them. Tenant from {@code TenantContext}. */
public interface Characters {

    /**
     * The tenant's default character; created on first use from the tenant's former assistant settings and its
     * profile, so every tenant has one.
     */
    AssistantCharacter current();

    /** The tenant's default character if it has one already (never creates it): the chat's source once it exists. */
    java.util.Optional<AssistantCharacter> existing();
}

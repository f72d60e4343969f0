package de.wattos.character;

import java.util.UUID;

/** Which personas (target groups) the current tenant has, for modules that address content to them. */
public interface PersonaDirectory {

    /** Whether the persona exists for the current tenant (another tenant's id: false). */
    boolean exists(UUID personaId);
}

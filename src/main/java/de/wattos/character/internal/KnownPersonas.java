package de.wattos.character.internal;

import de.wattos.character.PersonaDirectory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@link PersonaDirectory} over the stored personas (tenant from {@code TenantContext}). */
@Component
class KnownPersonas implements PersonaDirectory {

    private final Personas personas;

    KnownPersonas(Personas personas) {
        this.personas = personas;
    }

    @Override
    public boolean exists(UUID personaId) {
        return personaId != null && personas.find(personaId).isPresent();
    }
}

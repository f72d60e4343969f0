package de.wattos.platform;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated {@link Actor} of the current request (its Spring Security principal), if any. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Optional<Actor> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    /** The current actor, or {@link Actor#SYSTEM} outside an authenticated request (background jobs). */
    public static Actor get() {
        return find().orElse(Actor.SYSTEM);
    }
}

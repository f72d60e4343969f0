package de.wattos.character.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/** Agent lifecycle: draft → in_review → published → archived (and back to draft to rework). */
public enum AgentStatus {
    DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentStatus of(String wire) {
        for (AgentStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be draft, in_review, published or archived");
    }

    boolean canMoveTo(AgentStatus next) {
        return switch (this) {
            case DRAFT -> Set.of(IN_REVIEW, ARCHIVED).contains(next);
            case IN_REVIEW -> Set.of(PUBLISHED, DRAFT, ARCHIVED).contains(next);
            case PUBLISHED -> Set.of(ARCHIVED, DRAFT).contains(next);
            case ARCHIVED -> next == DRAFT;
        };
    }
}

package de.wattos.knowledge;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code spaceIds} empty means every space of the tenant. */
public record SearchQuery(String query, List<UUID> spaceIds, int topK, SearchMode mode, Map<String, String> filters) {

    public SearchQuery {
        spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        mode = mode == null ? SearchMode.HYBRID : mode;
    }

    /** The same question, limited to curated knowledge (approved articles). */
    public SearchQuery curatedOnly() {
        Map<String, String> curated = new java.util.HashMap<>(filters);
        curated.put(IncomingDocument.CURATED, "true");
        return new SearchQuery(query, spaceIds, topK, mode, curated);
    }

    /**
     * The same question asked for a persona: documents addressed to other personas only ({@link
     * IncomingDocument#PERSONAS}) are left out; documents for no particular persona stay.
     */
    public SearchQuery forPersona(UUID personaId) {
        if (personaId == null) {
            return this;
        }
        Map<String, String> f = new java.util.HashMap<>(filters);
        f.put(PERSONA_FILTER, personaId.toString());
        return new SearchQuery(query, spaceIds, topK, mode, f);
    }

    /** Only documents addressed to this persona (among others, possibly). */
    public SearchQuery addressedTo(UUID personaId) {
        Map<String, String> f = new java.util.HashMap<>(filters);
        f.put(IncomingDocument.PERSONAS, personaId.toString());
        return new SearchQuery(query, spaceIds, topK, mode, f);
    }

    /** The filter key {@link #forPersona} sets. */
    public static final String PERSONA_FILTER = "persona";

    public static SearchQuery of(String query, List<UUID> spaceIds, int topK) {
        return new SearchQuery(query, spaceIds, topK, SearchMode.HYBRID, Map.of());
    }
}

package de.wattos.agent.internal.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One service of the tenant (form, appointment, online service) with where and what it needs. */
public record CatalogueEntry(UUID id, String name, String description, ServiceKind kind,
        String url, String office, String fees, List<String> documents, List<String> keywords, Instant createdAt,
        Instant updatedAt) {

    public CatalogueEntry {
        documents = documents == null ? List.of() : List.copyOf(documents);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}

package de.wattos.crawl.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A website source as stored. {@code authSecret} is the SecretBox ciphertext of the password. */
public record WebsiteSource(UUID id, UUID tenantId, UUID spaceId, String type, String name, List<String> startUrls,
        List<String> includePatterns, List<String> excludePatterns, int maxDepth, int maxPages, boolean sameHostOnly,
        boolean followSitemaps, Integer timeoutSeconds, String schedule, String timeZone, String authUsername, String authSecret,
        String authHint, boolean requiresApproval, Instant createdAt, Instant updatedAt) {

    public boolean hasCredentials() {
        return authUsername != null && authSecret != null;
    }
}

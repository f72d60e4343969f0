package de.wattos.knowledge.internal.web;

import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.knowledge.SearchResult;
import de.wattos.knowledge.internal.SearchService;
import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/tenants/{tenant}/search}: a read, so VIEWER may call it. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/search")
class SearchController {

    record SearchRequest(
            @NotBlank @Size(max = 2000) String query,
            @Size(max = 100) List<UUID> spaceIds,
            @Min(1) @Max(50) Integer topK,
            @Size(max = 20) Map<String, String> filters,
            String mode) {
    }

    record HitView(UUID chunkId, UUID documentId, UUID spaceId, String title, String url, String headingPath, Integer page,
            String snippet, double score) {
    }

    record SearchResponse(List<HitView> hits, long tookMs) {
    }

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @PostMapping
    @TenantRole(Role.VIEWER)
    SearchResponse search(@Valid @RequestBody SearchRequest request) {
        SearchMode mode = SearchMode.HYBRID;
        if (request.mode() != null) {
            try {
                mode = SearchMode.valueOf(request.mode().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("mode", "one of hybrid, lexical, vector");
            }
        }
        SearchResult result = search.search(new SearchQuery(request.query(), request.spaceIds(),
                request.topK() == null ? SearchService.DEFAULT_TOP_K : request.topK(), mode, request.filters()));
        return new SearchResponse(result.hits().stream().map(h -> new HitView(h.chunkId(), h.documentId(), h.spaceId(),
                h.title(), h.url(), h.headingPath(), h.page(), h.snippet(), h.score())).toList(), result.tookMs());
    }
}

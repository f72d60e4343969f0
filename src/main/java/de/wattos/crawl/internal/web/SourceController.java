package de.wattos.crawl.internal.web;

import de.wattos.crawl.internal.SourceSchedules;
import de.wattos.crawl.internal.SourceService;
import de.wattos.crawl.internal.WebsiteSource;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Website sources of a knowledge space. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class SourceController {

    record CredentialsRequest(@Size(max = 200) String username, @Size(max = 1000) String password) {
    }

    /** Create (absent fields get defaults) and PATCH (absent fields stay) share this body. */
    record SourceRequest(String type, @Size(max = 200) String name, @Size(max = 100) List<String> startUrls,
            @Size(max = 100) List<String> includePatterns, @Size(max = 100) List<String> excludePatterns,
            @Min(0) @Max(50) Integer maxDepth, @Min(1) @Max(100_000) Integer maxPages, Boolean sameHostOnly,
            Boolean followSitemaps, @Min(1) @Max(300) Integer timeoutSeconds, Present<String> schedule, Present<CredentialsRequest> credentials,
            Boolean requiresApproval) {

        SourceService.SourceSpec spec() {
            CredentialsRequest c = credentials == null ? null : credentials.value();
            return new SourceService.SourceSpec(name, startUrls, includePatterns, excludePatterns, maxDepth, maxPages,
                    sameHostOnly, followSitemaps, timeoutSeconds, schedule != null, schedule == null ? null : schedule.value(),
                    credentials != null, c == null ? null : c.username(), c == null ? null : c.password(), requiresApproval);
        }
    }

    record SourceResponse(UUID id, UUID spaceId, String type, String name, List<String> startUrls,
            List<String> includePatterns, List<String> excludePatterns, int maxDepth, int maxPages,
            boolean sameHostOnly, boolean followSitemaps, Integer timeoutSeconds, String schedule, String timeZone, Instant nextRunAt,
            boolean hasCredentials, String credentialsHint, boolean requiresApproval, Instant createdAt, Instant updatedAt) {
    }

    private final SourceService sources;
    private final SourceSchedules schedules;

    SourceController(SourceService sources, SourceSchedules schedules) {
        this.sources = sources;
        this.schedules = schedules;
    }

    @PostMapping("/spaces/{space}/sources")
    ResponseEntity<SourceResponse> create(@PathVariable String space, @Valid @RequestBody SourceRequest request) {
        WebsiteSource source = sources.create(id(space, "Space"), request.type(), request.spec());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(source));
    }

    @GetMapping("/spaces/{space}/sources")
    Page<SourceResponse> list(@PathVariable String space, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        UUID spaceId = id(space, "Space");
        Page.check(page, size);
        List<SourceResponse> items = sources.list(spaceId, size, page * size).stream().map(this::view).toList();
        return new Page<>(items, page, size, sources.count(spaceId));
    }

    @GetMapping("/spaces/{space}/sources/{source}")
    SourceResponse get(@PathVariable String space, @PathVariable String source) {
        return view(sources.get(id(space, "Space"), id(source, "Source")));
    }

    @GetMapping("/sources/{source}")
    SourceResponse get(@PathVariable String source) {
        return view(sources.get(id(source, "Source")));
    }

    @PatchMapping("/spaces/{space}/sources/{source}")
    SourceResponse update(@PathVariable String space, @PathVariable String source,
            @Valid @RequestBody SourceRequest request) {
        if (request.type() != null && !SourceService.TYPE_WEBSITE.equals(request.type())) {
            throw ApiException.invalidField("type", "the type of a source cannot change");
        }
        return view(sources.update(id(space, "Space"), id(source, "Source"), request.spec()));
    }

    @DeleteMapping("/spaces/{space}/sources/{source}")
    ResponseEntity<Void> delete(@PathVariable String space, @PathVariable String source) throws InterruptedException {
        sources.delete(id(space, "Space"), id(source, "Source"));
        return ResponseEntity.noContent().build();
    }

    private SourceResponse view(WebsiteSource s) {
        return new SourceResponse(s.id(), s.spaceId(), s.type(), s.name(), s.startUrls(), s.includePatterns(),
                s.excludePatterns(), s.maxDepth(), s.maxPages(), s.sameHostOnly(), s.followSitemaps(), s.timeoutSeconds(), s.schedule(),
                s.timeZone(), s.schedule() == null ? null : schedules.next(s.id()).orElse(null), s.hasCredentials(),
                s.authHint(), s.requiresApproval(), s.createdAt(), s.updatedAt());
    }

    static UUID id(String value, String what) {
        UUID id = Ids.parseOrNull(value);
        if (id == null) {
            throw ApiException.notFound(what);
        }
        return id;
    }
}

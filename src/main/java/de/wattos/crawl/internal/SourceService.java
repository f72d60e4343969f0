package de.wattos.crawl.internal;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.UrlGuard;
import org.springframework.beans.factory.ObjectProvider;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/** Website sources of the current tenant: validation, storage, schedules, audit. */
@Service
public class SourceService {

    public static final String TYPE_WEBSITE = "website";
    public static final int DEFAULT_MAX_DEPTH = 5;
    public static final int DEFAULT_MAX_PAGES = 5000;
    /** Schedules must leave at least this much time between two runs. */
    static final java.time.Duration MIN_SCHEDULE_INTERVAL = java.time.Duration.ofMinutes(15);

    /** A change or creation; null fields keep (update) or default (create). */
    public record SourceSpec(String name, List<String> startUrls, List<String> includePatterns,
            List<String> excludePatterns, Integer maxDepth, Integer maxPages, Boolean sameHostOnly,
            Boolean followSitemaps, Integer timeoutSeconds, boolean scheduleGiven, String schedule, boolean credentialsGiven,
            String username, String password, Boolean requiresApproval) {
    }

    private final Sources sources;
    private final Pages pages;
    private final Runs runs;
    private final ObjectProvider<KnowledgeSpaces> spaces;
    private final ObjectProvider<Ingestion> ingestion;
    private final UrlGuard guard;
    private final SecretBox secrets;
    private final DomainEvents bus;
    private final SourceSchedules schedules;
    private final CrawlEngine engine;
    private final CrawlProperties props;

    public SourceService(Sources sources, Pages pages, Runs runs, ObjectProvider<KnowledgeSpaces> spaces,
            ObjectProvider<Ingestion> ingestion,
            UrlGuard guard, SecretBox secrets, DomainEvents bus, SourceSchedules schedules, CrawlEngine engine,
            CrawlProperties props) {
        this.sources = sources;
        this.pages = pages;
        this.runs = runs;
        this.spaces = spaces;
        this.ingestion = ingestion;
        this.guard = guard;
        this.secrets = secrets;
        this.bus = bus;
        this.schedules = schedules;
        this.engine = engine;
        this.props = props;
    }

    public WebsiteSource create(UUID spaceId, String type, SourceSpec spec) {
        requireSpace(spaceId);
        if (type == null || !type.equals(TYPE_WEBSITE)) {
            throw ApiException.invalidField("type", "only \"website\" is supported");
        }
        if (spec.startUrls() == null || spec.startUrls().isEmpty()) {
            throw ApiException.invalidField("startUrls", "at least one start URL is required");
        }
        List<String> startUrls = checkStartUrls(spec.startUrls());
        String schedule = spec.scheduleGiven() ? checkSchedule(spec.schedule()) : props.defaultSchedule();
        Instant now = Instant.now();
        String name = blankToNull(spec.name()) != null ? spec.name().strip() : UrlNormalizer.host(startUrls.getFirst());
        Credentials credentials = spec.credentialsGiven() ? checkCredentials(spec.username(), spec.password())
                : Credentials.NONE;
        WebsiteSource source = new WebsiteSource(Ids.newId(), TenantContext.currentId(), spaceId, TYPE_WEBSITE,
                checkName(name), startUrls, checkPatterns("includePatterns", spec.includePatterns()),
                checkPatterns("excludePatterns", spec.excludePatterns()),
                checkRange("maxDepth", spec.maxDepth(), DEFAULT_MAX_DEPTH, 0, 50),
                checkRange("maxPages", spec.maxPages(), DEFAULT_MAX_PAGES, 1, 100_000),
                spec.sameHostOnly() == null || spec.sameHostOnly(),
                spec.followSitemaps() == null || spec.followSitemaps(),
                spec.timeoutSeconds() == null ? null : Integer.valueOf(checkRange("timeoutSeconds", spec.timeoutSeconds(), 30, 1, 300)),
                schedule, tenantZone().getId(),
                credentials.username(), credentials.sealed(), credentials.hint(),
                Boolean.TRUE.equals(spec.requiresApproval()), now, now);
        sources.insert(source);
        schedules.apply(source);
        record("crawl_source.created", source, describe(source));
        return source;
    }

    public WebsiteSource update(UUID spaceId, UUID sourceId, SourceSpec spec) {
        WebsiteSource old = get(spaceId, sourceId);
        List<String> startUrls = spec.startUrls() == null ? old.startUrls() : checkStartUrls(spec.startUrls());
        if (startUrls.isEmpty()) {
            throw ApiException.invalidField("startUrls", "at least one start URL is required");
        }
        String schedule = spec.scheduleGiven() ? checkSchedule(spec.schedule()) : old.schedule();
        Credentials credentials = spec.credentialsGiven() ? checkCredentials(spec.username(), spec.password())
                : new Credentials(old.authUsername(), old.authSecret(), old.authHint());
        WebsiteSource updated = new WebsiteSource(old.id(), old.tenantId(), old.spaceId(), old.type(),
                spec.name() == null ? old.name() : checkName(spec.name().strip()), startUrls,
                spec.includePatterns() == null ? old.includePatterns() : checkPatterns("includePatterns", spec.includePatterns()),
                spec.excludePatterns() == null ? old.excludePatterns() : checkPatterns("excludePatterns", spec.excludePatterns()),
                checkRange("maxDepth", spec.maxDepth(), old.maxDepth(), 0, 50),
                checkRange("maxPages", spec.maxPages(), old.maxPages(), 1, 100_000),
                spec.sameHostOnly() == null ? old.sameHostOnly() : spec.sameHostOnly(),
                spec.followSitemaps() == null ? old.followSitemaps() : spec.followSitemaps(),
                spec.timeoutSeconds() == null ? old.timeoutSeconds()
                        : Integer.valueOf(checkRange("timeoutSeconds", spec.timeoutSeconds(), 30, 1, 300)),
                schedule,
                spec.scheduleGiven() ? tenantZone().getId() : old.timeZone(),
                credentials.username(), credentials.sealed(), credentials.hint(),
                spec.requiresApproval() == null ? old.requiresApproval() : spec.requiresApproval(), old.createdAt(), Instant.now());
        sources.update(updated);
        schedules.apply(updated);
        Map<String, Object> details = describe(updated);
        if (spec.credentialsGiven()) {
            details.put("credentialsChanged", true);
        }
        record("crawl_source.updated", updated, details);
        return updated;
    }

    public WebsiteSource get(UUID spaceId, UUID sourceId) {
        requireSpace(spaceId);
        WebsiteSource source = sources.find(sourceId).orElseThrow(() -> ApiException.notFound("Source"));
        if (!source.spaceId().equals(spaceId)) {
            throw ApiException.notFound("Source");
        }
        return source;
    }

    /** A source of the current tenant; one whose knowledge space was deleted counts as gone too. */
    public WebsiteSource get(UUID sourceId) {
        WebsiteSource source = sources.find(sourceId).orElseThrow(() -> ApiException.notFound("Source"));
        if (!spaces.getObject().exists(source.spaceId())) {
            throw ApiException.notFound("Source");
        }
        return source;
    }

    public List<WebsiteSource> list(UUID spaceId, int limit, int offset) {
        requireSpace(spaceId);
        return sources.findBySpace(spaceId, limit, offset);
    }

    public long count(UUID spaceId) {
        return sources.countBySpace(spaceId);
    }

    /**
     * Deletes the source with its crawled documents, run history and schedule. A queued or running run is
     * cancelled first; if it does not stop within 10 s the answer is 409.
     */
    public void delete(UUID spaceId, UUID sourceId) throws InterruptedException {
        WebsiteSource source = get(spaceId, sourceId);
        if (!stopRuns(sourceId)) {
            throw ApiException.conflict("crawl_running", "A crawl of this source is still stopping; try again in a moment");
        }
        schedules.remove(sourceId);
        List<UUID> documents = pages.documentIds(sourceId);
        for (UUID documentId : documents) {
            ingestion.getObject().remove(documentId);
        }
        sources.delete(sourceId);
        Map<String, Object> details = describe(source);
        details.put("documentsRemoved", documents.size());
        record("crawl_source.deleted", source, details);
    }

    /**
     * Removes every source of a deleted space with its pages, runs and schedule (current tenant; the space's
     * documents went with the space). Returns false, having removed what it could, if a crawl did not stop in time.
     */
    boolean deleteAllOfSpace(UUID spaceId) throws InterruptedException {
        boolean complete = true;
        List<WebsiteSource> batch;
        int offset = 0;
        while (!(batch = sources.findBySpace(spaceId, 100, offset)).isEmpty()) {
            for (WebsiteSource source : batch) {
                if (stopRuns(source.id())) {
                    schedules.remove(source.id());
                    sources.delete(source.id());
                } else {
                    complete = false;
                    offset++;
                }
            }
        }
        return complete;
    }

    /** Cancels the source's queued or running crawl and waits up to 10 s for it to stop; false if it did not. */
    private boolean stopRuns(UUID sourceId) throws InterruptedException {
        var active = runs.findActive(sourceId);
        if (active.isEmpty()) {
            return true;
        }
        runs.requestCancel(active.get().id());
        engine.cancelLocal(active.get().id());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (runs.findActive(sourceId).isPresent()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private void requireSpace(UUID spaceId) {
        if (spaceId == null || !spaces.getObject().exists(spaceId)) {
            throw ApiException.notFound("Space");
        }
    }

    private List<String> checkStartUrls(List<String> urls) {
        if (urls.size() > 100) {
            throw ApiException.invalidField("startUrls", "at most 100 start URLs");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String field = "startUrls[" + i + "]";
            String raw = urls.get(i);
            if (raw == null || raw.isBlank() || raw.length() > 2000) {
                throw ApiException.invalidField(field, "must be an http(s) URL of at most 2000 characters");
            }
            try {
                guard.check(raw.strip());
            } catch (UrlGuard.BlockedUrlException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, e.code(), field + ": " + e.getMessage(),
                        List.of(new ApiException.FieldError(field, e.code(), e.getMessage())), Map.of());
            }
            String normalized = UrlNormalizer.normalize(raw);
            if (normalized == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_url", field + ": not a valid http(s) URL",
                        List.of(new ApiException.FieldError(field, "invalid_url", "not a valid http(s) URL")), Map.of());
            }
            if (!out.contains(normalized)) {
                out.add(normalized);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> checkPatterns(String field, List<String> patterns) {
        if (patterns == null) {
            return List.of();
        }
        if (patterns.size() > 100) {
            throw ApiException.invalidField(field, "at most 100 patterns");
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                UrlPattern.compile(patterns.get(i));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField(field + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(patterns);
    }

    private static int checkRange(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.invalidField("name", "must be 1 to 200 characters");
        }
        return name;
    }

    private String checkSchedule(String cron) {
        if (cron == null) {
            return null;
        }
        String c = cron.strip();
        if (!CronExpression.isValidExpression(c)) {
            throw ApiException.invalidField("schedule",
                    "not a valid cron expression (6 fields: second minute hour day month weekday, e.g. \"0 0 5 * * *\")");
        }
        ZonedDateTime first = CronExpression.parse(c).next(ZonedDateTime.now(tenantZone()));
        if (first == null) {
            throw ApiException.invalidField("schedule", "the cron expression never fires");
        }
        ZonedDateTime second = CronExpression.parse(c).next(first);
        if (second != null && java.time.Duration.between(first, second).compareTo(MIN_SCHEDULE_INTERVAL) < 0) {
            throw ApiException.invalidField("schedule", "runs must be at least 15 minutes apart");
        }
        return c;
    }

    private record Credentials(String username, String sealed, String hint) {
        static final Credentials NONE = new Credentials(null, null, null);
    }

    private Credentials checkCredentials(String username, String password) {
        if (username == null && password == null) {
            return Credentials.NONE;
        }
        if (username == null || username.isBlank() || username.length() > 200 || username.contains(":")) {
            throw ApiException.invalidField("credentials.username", "required, at most 200 characters, no colon");
        }
        if (password == null || password.isEmpty() || password.length() > 1000) {
            throw ApiException.invalidField("credentials.password", "required, at most 1000 characters");
        }
        return new Credentials(username, secrets.encrypt(password), SecretBox.hint(password));
    }

    private static ZoneId tenantZone() {
        ZoneId zone = TenantContext.current().timeZone();
        return zone == null ? ZoneId.of("Europe/Berlin") : zone;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Map<String, Object> describe(WebsiteSource s) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("spaceId", s.spaceId().toString());
        details.put("name", s.name());
        details.put("startUrls", s.startUrls());
        details.put("schedule", s.schedule() == null ? "manual" : s.schedule());
        details.put("hasCredentials", s.hasCredentials());
        details.put("requiresApproval", s.requiresApproval());
        return details;
    }

    private void record(String action, WebsiteSource source, Map<String, Object> details) {
        bus.publish(DomainEvent.of(source.tenantId(), EventDomain.KNOWLEDGE, action, DomainEvent.Subject.of("crawl_source", source.id()),
                details));
    }
}

package de.wattos.crawl.internal.web;

import de.wattos.crawl.internal.CrawlRun;
import de.wattos.crawl.internal.CrawlService;
import de.wattos.crawl.internal.Runs;
import de.wattos.platform.Page;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Crawl runs: start, inspect, follow (SSE), cancel. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class CrawlController {

    record RunResponse(UUID id, UUID sourceId, UUID spaceId, String status, String trigger, String requestedBy,
            Instant createdAt, Instant startedAt, Instant finishedAt, CrawlRun.Counters counters, boolean truncated,
            String error, List<Runs.Failure> failures) {
    }

    record Accepted(UUID id, String status) {
    }

    private static final long PING_MILLIS = 5_000;
    private static final long POLL_MILLIS = 500;

    private final CrawlService crawls;

    CrawlController(CrawlService crawls) {
        this.crawls = crawls;
    }

    @PostMapping("/sources/{source}/crawls")
    ResponseEntity<Accepted> start(@PathVariable String source) {
        CrawlRun run = crawls.start(SourceController.id(source, "Source"));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/tenants/" + TenantContext.current().slug() + "/crawls/" + run.id())
                .body(new Accepted(run.id(), run.status().value()));
    }

    @GetMapping("/sources/{source}/crawls")
    Page<RunResponse> list(@PathVariable String source, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        UUID sourceId = SourceController.id(source, "Source");
        Page.check(page, size);
        List<RunResponse> items = crawls.list(sourceId, size, page * size).stream().map(r -> view(r, null)).toList();
        return new Page<>(items, page, size, crawls.count(sourceId));
    }

    @GetMapping("/crawls/{id}")
    RunResponse get(@PathVariable String id) {
        CrawlRun run = crawls.get(SourceController.id(id, "Crawl run"));
        return view(run, crawls.failures(run.id()));
    }

    @PostMapping("/crawls/{id}/cancel")
    RunResponse cancel(@PathVariable String id) {
        CrawlRun run = crawls.cancel(SourceController.id(id, "Crawl run"));
        return view(run, null);
    }

    /**
     * Progress as Server-Sent Events: {@code progress} whenever status or counters change (first one at once),
     * {@code : ping} comments every 5 s, and a final {@code end} event (with the failures) when the run ended.
     */
    @GetMapping(path = "/crawls/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        UUID runId = SourceController.id(id, "Crawl run");
        crawls.get(runId); // 404 before the stream starts
        TenantRef tenant = TenantContext.current();
        SseEmitter emitter = new SseEmitter(0L);
        AtomicBoolean closed = new AtomicBoolean();
        emitter.onCompletion(() -> closed.set(true));
        emitter.onTimeout(() -> closed.set(true));
        emitter.onError(e -> closed.set(true));
        Thread.ofVirtual().name("crawl-events-" + runId).start(() -> TenantContext.runAs(tenant, () -> {
            try {
                stream(runId, emitter, closed);
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
            } catch (InterruptedException e) {
                emitter.complete();
            }
        }));
        return emitter;
    }

    private void stream(UUID runId, SseEmitter emitter, AtomicBoolean closed) throws IOException, InterruptedException {
        RunResponse last = null;
        long lastSent = System.currentTimeMillis();
        while (!closed.get()) {
            CrawlRun run = crawls.get(runId);
            if (run.status().terminal()) {
                emitter.send(SseEmitter.event().name("end").id(runId.toString())
                        .data(view(run, crawls.failures(runId)), MediaType.APPLICATION_JSON));
                emitter.complete();
                return;
            }
            RunResponse now = view(run, null);
            if (last == null || !Objects.equals(last.counters(), now.counters()) || !last.status().equals(now.status())) {
                emitter.send(SseEmitter.event().name("progress").data(now, MediaType.APPLICATION_JSON));
                last = now;
                lastSent = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastSent >= PING_MILLIS) {
                emitter.send(SseEmitter.event().comment("ping"));
                lastSent = System.currentTimeMillis();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static RunResponse view(CrawlRun r, List<Runs.Failure> failures) {
        return new RunResponse(r.id(), r.sourceId(), r.spaceId(), r.status().value(), r.trigger(), r.requestedBy(),
                r.createdAt(), r.startedAt(), r.finishedAt(), r.counters(), r.truncated(), r.error(), failures);
    }
}

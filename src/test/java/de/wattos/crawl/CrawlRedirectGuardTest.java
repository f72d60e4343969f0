package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.crawl.internal.CrawlEngine;
import de.wattos.crawl.internal.CrawlProperties;
import de.wattos.crawl.internal.CrawlRun;
import de.wattos.crawl.internal.Pages;
import de.wattos.crawl.internal.Runs;
import de.wattos.crawl.internal.Sources;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSpaces;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.UrlGuard;
import de.wattos.tenancy.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import de.wattos.platform.events.DomainEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every redirect hop passes the SSRF guard. The test profile allows loopback, so this crawl runs on an engine whose
 * guard additionally treats the name {@code localhost} as an internal host (as the production guard treats every
 * loopback, private and link-local address): the fixture site on 127.0.0.1 redirects to localhost, and the hop must
 * be refused before any request reaches it.
 */
@IntegrationTest
class CrawlRedirectGuardTest {

    @LocalServerPort
    int port;
    @Autowired
    CrawlProperties props;
    @Autowired
    Sources sources;
    @Autowired
    Pages pages;
    @Autowired
    Runs runs;
    @Autowired
    ObjectProvider<Ingestion> ingestion;
    @Autowired
    ObjectProvider<KnowledgeSpaces> spaces;
    @Autowired
    ObjectProvider<CrawlChangeReview> review;
    @Autowired
    SecretBox secrets;
    @Autowired
    DomainEvents events;
    @Autowired
    Tenants tenants;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    private final FixtureSite site = new FixtureSite();

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void aRedirectToAnInternalHostIsRefusedAtTheHop() {
        String internal = "http://localhost:" + site.base().substring(site.base().lastIndexOf(':') + 1) + "/metadata";
        site.page("/", "Start", "Startseite mit einem Verweis, der intern weiterleitet.", "/weiter", "/harmlos");
        site.redirect("/weiter", internal, 302);
        site.page("/harmlos", "Harmlos", "Eine ganz normale Seite über die Stadtbibliothek und ihre Öffnungszeiten.");
        CrawlClient c = new CrawlClient(port);
        String source = c.createSource(site.url("/"), Map.of("sameHostOnly", false, "followSitemaps", false));

        UrlGuard strict = new UrlGuard(true) {
            @Override
            public URI check(URI uri) {
                if ("localhost".equalsIgnoreCase(uri.getHost())) {
                    throw new BlockedUrlException("private_address", "Host localhost resolves to a loopback address");
                }
                return super.check(uri);
            }
        };
        UUID runId = UUID.randomUUID();
        jdbc.sql("""
                insert into crawl_runs (id, tenant_id, source_id, space_id, status, trigger, tenant_slug, tenant_zone, node,
                  created_at, started_at, heartbeat_at)
                values (:id, :tenant, :source, :space, 'running', 'manual', :slug, 'Europe/Berlin', 'guard-test', :t, :t, :t)
                """).param("id", runId).param("tenant", c.tenant.id()).param("source", UUID.fromString(source))
                .param("space", UUID.fromString(c.spaceId)).param("slug", c.tenant.slug())
                .param("t", Timestamp.from(Instant.now())).update();
        CrawlRun run = TenantContext.callAs(tenants.ref(c.tenant.id()).orElseThrow(), () -> runs.find(runId).orElseThrow());
        try (CrawlEngine engine = new CrawlEngine(props, strict, sources, pages, runs, ingestion, spaces, review, secrets, events,
                tenants, meters)) {
            engine.execute(run);
        }

        JsonNode done = c.run(runId.toString());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("counters").get("new").asInt()).isEqualTo(2);
        assertThat(done.get("failures")).hasSize(1);
        assertThat(done.get("failures").get(0).get("url").asString()).isEqualTo(internal);
        assertThat(done.get("failures").get(0).get("reason").asString()).isEqualTo("blocked_url: private_address");
        assertThat(site.hits("/metadata")).as("nothing was sent to the internal host").isZero();
    }
}

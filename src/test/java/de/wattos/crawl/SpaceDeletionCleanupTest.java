package de.wattos.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.SpaceDeleted;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/** Deleting a knowledge space removes its website sources with their pages, runs and schedules (SpaceDeleted). */
@IntegrationTest
@EnableScenarios
class SpaceDeletionCleanupTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    record Leftovers(long sources, long pages, long runs, long schedules) {
        boolean none() {
            return sources + pages + runs + schedules == 0;
        }
    }

    private Leftovers leftovers(UUID tenant, List<UUID> sourceIds) {
        List<String> ids = sourceIds.stream().map(UUID::toString).toList();
        return new Leftovers(
                jdbc.sql("select count(*) from crawl_sources where tenant_id = :t and id in (:ids)").param("t", tenant)
                        .param("ids", sourceIds).query(Long.class).single(),
                jdbc.sql("select count(*) from crawl_pages where tenant_id = :t and source_id in (:ids)").param("t", tenant)
                        .param("ids", sourceIds).query(Long.class).single(),
                jdbc.sql("select count(*) from crawl_runs where tenant_id = :t and source_id in (:ids)").param("t", tenant)
                        .param("ids", sourceIds).query(Long.class).single(),
                jdbc.sql("select count(*) from scheduled_tasks where task_name = 'crawl-source' and task_instance in (:ids)")
                        .param("ids", ids).query(Long.class).single());
    }

    @Test
    void sourcesPagesRunsAndSchedulesGoWithTheirSpace(Scenario scenario) {
        CrawlClient c = new CrawlClient(port);
        UUID daily = UUID.fromString(c.createSource("https://www.example.org/", Map.of("schedule", "0 0 5 * * *")));
        UUID manual = UUID.fromString(c.createSource("https://www.example.net/", Map.of()));
        CrawlClient other = new CrawlClient(port); // another space (and tenant) keeps its source
        UUID elsewhere = UUID.fromString(other.createSource("https://www.example.com/", Map.of("schedule", "0 0 5 * * *")));
        for (UUID source : List.of(daily, manual)) {
            UUID run = UUID.randomUUID();
            jdbc.sql("""
                    insert into crawl_runs (id, tenant_id, source_id, space_id, status, trigger, tenant_slug, tenant_zone,
                      created_at, finished_at) values (:id, :t, :s, :space, 'succeeded', 'manual', :slug, 'Europe/Berlin', :at, :at)""")
                    .param("id", run).param("t", c.tenant.id()).param("s", source).param("space", UUID.fromString(c.spaceId))
                    .param("slug", c.tenant.slug()).param("at", Timestamp.from(Instant.now())).update();
            jdbc.sql("""
                    insert into crawl_pages (tenant_id, source_id, url, last_status, miss_count, last_run_id)
                    values (:t, :s, :url, 'indexed', 0, :run)""")
                    .param("t", c.tenant.id()).param("s", source).param("url", "https://www.example.org/" + source).param("run", run)
                    .update();
        }
        assertThat(leftovers(c.tenant.id(), List.of(daily, manual))).isEqualTo(new Leftovers(2, 2, 2, 1));

        scenario.stimulate(() -> assertThat(c.api.delete(c.tenantPath("/spaces/" + c.spaceId), c.editor).status()).isEqualTo(204))
                .andWaitForEventOfType(SpaceDeleted.class)
                .matching(e -> e.spaceId().toString().equals(c.spaceId))
                .toArriveAndVerify(e -> assertThat(e.tenantId()).isEqualTo(c.tenant.id()));

        scenario.stimulate(() -> { })
                .andWaitForStateChange(() -> leftovers(c.tenant.id(), List.of(daily, manual)), Leftovers::none)
                .andVerify(left -> assertThat(left).isEqualTo(new Leftovers(0, 0, 0, 0)));
        assertThat(leftovers(other.tenant.id(), List.of(elsewhere))).isEqualTo(new Leftovers(1, 0, 0, 1));
    }
}

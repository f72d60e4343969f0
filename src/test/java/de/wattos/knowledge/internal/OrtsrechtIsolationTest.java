package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.wattos.IntegrationTest;
import de.wattos.knowledge.IncomingDocument;
import de.wattos.knowledge.IngestResult;
import de.wattos.knowledge.Ingestion;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Evaldata suite: two tenants hold the real Ortsrecht (Hundesteuer- and Friedhofssatzung) of two
 * municipalities; the same question must be answered from each tenant's own bylaw only.
 */
@IntegrationTest
@Tag("evaldata")
class OrtsrechtIsolationTest {

    static final String QUESTION = "Wie hoch ist die Hundesteuer für den ersten Hund?";

    @Autowired Ingestion ingestion;
    @Autowired KnowledgeSearch search;
    @Autowired SpaceService spaces;

    @Test
    void eachTenantGetsOnlyItsOwnBylaw() throws Exception {
        String evaldata = System.getProperty("wattos.evaldata");
        Path gp = evaldata == null ? null
                : Path.of(evaldata, "qa/ragsource-9f1de2f/regelungsrahmen/Laender_und_Kommunen/bw/Lkr_GP");
        assumeTrue(gp != null && Files.isDirectory(gp), "evaldata (qa/ragsource-9f1de2f) not present: skipping");

        Loaded aichelberg = load(gp.resolve("ABG"), "aichelberg");
        Loaded hattenhofen = load(gp.resolve("HNO"), "hattenhofen");

        for (SearchMode mode : SearchMode.values()) {
            check(aichelberg, mode, "150,00 €", "140.- €");
            check(hattenhofen, mode, "140.- €", "150,00 €");
        }
    }

    record Loaded(TenantRef tenant, Set<UUID> documents, UUID hundesteuer) {
    }

    private Loaded load(Path dir, String slug) throws Exception {
        TenantRef tenant = new TenantRef(Ids.newId(), slug + "-" + Ids.newId().toString().substring(0, 8), "de",
                ZoneId.of("Europe/Berlin"));
        return TenantContext.callAs(tenant, () -> {
            UUID space = spaces.create("Ortsrecht", null, "de").id();
            Set<UUID> ids = new HashSet<>();
            UUID dog = null;
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().matches(".*(Hundesteuer|Friedhof).*\\.md"))
                        .sorted().toList();
            }
            for (Path f : files) {
                IngestResult r = ingestion.ingest(new IncomingDocument(space, null, f.getFileName().toString(), null,
                        "text/markdown", Files.readAllBytes(f), Map.of()));
                assertThat(r.outcome()).as(f.toString()).isEqualTo(IngestResult.Outcome.NEW);
                ids.add(r.documentId());
                if (f.getFileName().toString().contains("Hundesteuer")) {
                    dog = r.documentId();
                }
            }
            return new Loaded(tenant, ids, dog);
        });
    }

    private void check(Loaded loaded, SearchMode mode, String ownAmount, String otherAmount) {
        TenantContext.runAs(loaded.tenant(), () -> {
            List<SearchHit> hits = search.search(new SearchQuery(QUESTION, List.of(), 8, mode, Map.of())).hits();
            assertThat(hits).isNotEmpty();
            assertThat(hits).extracting(SearchHit::documentId).allMatch(loaded.documents()::contains);
            assertThat(hits).extracting(SearchHit::text).noneMatch(t -> t.contains(otherAmount));
            if (mode != SearchMode.VECTOR) {
                assertThat(hits.getFirst().documentId()).as(mode.name()).isEqualTo(loaded.hundesteuer());
                assertThat(hits.subList(0, Math.min(3, hits.size()))).extracting(SearchHit::text).as(mode.name())
                        .anyMatch(t -> t.contains(ownAmount));
            }
        });
    }
}

package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.IntegrationTest;
import de.wattos.platform.Ids;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The upload queue: tenants take turns (for a worker and, slice by slice, for the embedder), live leases are kept, and a
 * document cut off again and again fails once.
 */
@IntegrationTest
class UploadQueueFairnessTest {

    @Autowired UploadWorkers workers;
    @Autowired SpaceService spaces;
    @Autowired Documents documents;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired KnowledgeProperties props;

    private UUID pending(TenantRef t, UUID space, String name, String text) {
        UUID id = Ids.newId();
        documents.insert(new Documents.NewDocument(id, space, null, null, "upload", name, null, "text/markdown",
                (long) text.length(), Map.of(), DocumentStatus.PENDING));
        documents.storeContent(id, text.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    @Test
    void anotherTenantsUploadIsNotQueuedBehindABigBatch() throws Exception {
        TenantRef big = UploadProcessingTest.tenant();
        TenantRef small = UploadProcessingTest.tenant();
        List<UUID> batch = new ArrayList<>();
        UUID[] single = new UUID[1];
        // both arrive in one commit, the big batch first: a first-come queue would serve the single file last
        tx.executeWithoutResult(s -> {
            TenantContext.runAs(big, () -> {
                UUID space = spaces.create("Stapel", null, "de").id();
                for (int i = 0; i < 12; i++) {
                    batch.add(pending(big, space, "satzung-" + i + ".md",
                            "# Satzung " + i + "\n\nDie Gebühr beträgt " + i + " Euro je Monat."));
                }
            });
            TenantContext.runAs(small, () -> {
                UUID space = spaces.create("Einzeln", null, "de").id();
                single[0] = pending(small, space, "hallenbad.md", "# Hallenbad\n\nDas Hallenbad öffnet um 7 Uhr.");
            });
        });
        workers.kick();
        assertThat(workers.awaitIdle(60_000)).isTrue();
        Instant singleDone = TenantContext.callAs(small, () -> documents.find(single[0]).orElseThrow().indexedAt());
        List<Instant> batchDone = TenantContext.callAs(big, () -> batch.stream()
                .map(id -> documents.find(id).orElseThrow().indexedAt()).sorted().toList());
        assertThat(singleDone).isNotNull();
        long batchAfterSingle = batchDone.stream().filter(i -> i.isAfter(singleDone)).count();
        // served in the first round of turns, so most of the batch is still waiting when it is done
        assertThat(batchAfterSingle).isGreaterThanOrEqualTo(batch.size() - 3);
    }

    @Test
    void anotherTenantsPageIsIndexedWhileTheFirstTenantsBigFilesAreStillBeingEmbedded() throws Exception {
        TenantRef flood = UploadProcessingTest.tenant();
        TenantRef quiet = UploadProcessingTest.tenant();
        // as many big texts as one tenant may have in work: hundreds of chunks each, so dozens of embedding slices
        List<UUID> big = new ArrayList<>();
        tx.executeWithoutResult(s -> TenantContext.runAs(flood, () -> {
            UUID space = spaces.create("Flut", null, "de").id();
            for (int i = 0; i < props.workers(); i++) {
                big.add(pending(flood, space, "haushalt-" + i + ".txt", longText(i, 120_000)));
            }
        }));
        workers.kick();
        // both in work: a worker claimed each of them
        awaitAll(flood, big, d -> jdbc.sql("select claimed_by is not null from knowledge_documents where id = :id")
                .param("id", d.id()).query(Boolean.class).single() || d.status() != DocumentStatus.PENDING);

        UUID page = TenantContext.callAs(quiet, () -> tx.execute(s -> pending(quiet,
                spaces.create("Einzeln", null, "de").id(), "hallenbad.md", "# Hallenbad\n\nDas Hallenbad öffnet um 7 Uhr.")));
        workers.kick();
        awaitAll(quiet, List.of(page), d -> d.status() != DocumentStatus.PENDING);

        assertThat(TenantContext.callAs(quiet, () -> documents.find(page).orElseThrow().status())).isEqualTo(DocumentStatus.INDEXED);
        // before: the page waited for a free worker, i.e. until one of the big files was completely embedded
        assertThat(TenantContext.callAs(flood, () -> big.stream().map(id -> documents.find(id).orElseThrow().status()).toList()))
                .as("the big files, when the other tenant's page is indexed").containsOnly(DocumentStatus.PENDING);
        assertThat(workers.awaitIdle(600_000)).isTrue();
        assertThat(TenantContext.callAs(flood, () -> big.stream().map(id -> documents.find(id).orElseThrow().status()).toList()))
                .containsOnly(DocumentStatus.INDEXED);
    }

    private void awaitAll(TenantRef t, List<UUID> ids, java.util.function.Predicate<Documents.Document> done)
            throws InterruptedException {
        // a bound against hanging, not a timing assertion
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
        while (!TenantContext.callAs(t, () -> ids.stream().map(id -> documents.find(id).orElseThrow()).allMatch(done))) {
            assertThat(System.nanoTime()).as("documents did not get there within 10 minutes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Varied German prose of about {@code chars} characters (no two paragraphs alike, so nothing is deduplicated). */
    static String longText(int seed, int chars) {
        String[] words = {"Gemeinde", "Satzung", "Gebühr", "Antrag", "Bürger", "Verwaltung", "Schule", "Straße",
                "Abfall", "Wasser", "Steuer", "Kita", "Bauamt", "Friedhof", "Halle", "Termin", "Haushalt", "Plan"};
        java.util.Random random = new java.util.Random(seed);
        StringBuilder sb = new StringBuilder(chars + 200);
        while (sb.length() < chars) {
            for (int w = 0; w < 12; w++) {
                sb.append(words[random.nextInt(words.length)]).append(random.nextInt(10_000)).append(' ');
            }
            sb.append(".\n\n");
        }
        return sb.toString();
    }

    @Test
    void aDocumentCutOffRepeatedlyFailsWithItsReasonInsteadOfRetryingForever() throws Exception {
        TenantRef t = UploadProcessingTest.tenant();
        UUID id = TenantContext.callAs(t, () -> tx.execute(s -> {
            UUID space = spaces.create("Gift", null, "de").id();
            UUID doc = pending(t, space, "gift.md", "# Gift\n\nText.");
            // what three crashed workers leave behind: attempts used up, the last lease expired
            jdbc.sql("update knowledge_documents set attempts = :n, claimed_by = 'dead-node', "
                    + "claimed_until = now() - interval '1 minute' where id = :id")
                    .param("n", UploadWorkers.MAX_ATTEMPTS).param("id", doc).update();
            return doc;
        }));
        workers.recover();
        assertThat(workers.awaitIdle(30_000)).isTrue();
        Documents.Document d = TenantContext.callAs(t, () -> documents.find(id).orElseThrow());
        assertThat(d.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(d.failureReason()).contains("abgebrochen").contains("not retried");
    }

    @Test
    void aLiveClaimIsRenewedSoNoSecondWorkerTakesIt() {
        TenantRef t = UploadProcessingTest.tenant();
        UUID id = TenantContext.callAs(t, () -> tx.execute(s -> {
            UUID space = spaces.create("Lease", null, "de").id();
            UUID doc = pending(t, space, "lang.md", "# Lang\n\nText.");
            jdbc.sql("update knowledge_documents set claimed_by = :node, claimed_until = now() + interval '2 seconds' "
                    + "where id = :id").param("node", workers.nodeId()).param("id", doc).update();
            return doc;
        }));
        workers.markInFlight(id);
        try {
            assertThat(workers.renewLeases()).isGreaterThanOrEqualTo(1);
            Instant until = jdbc.sql("select claimed_until from knowledge_documents where id = :id").param("id", id)
                    .query(java.sql.Timestamp.class).single().toInstant();
            assertThat(until).isAfter(Instant.now().plusSeconds(60));
        } finally {
            workers.releaseInFlight(id);
            jdbc.sql("update knowledge_documents set claimed_by = null, claimed_until = null where id = :id").param("id", id).update();
        }
    }
}

package de.wattos.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Waiting, through the REST API, until an uploaded document is indexed and its text can be found. */
public final class Indexing {

    private Indexing() {
    }

    /** Waits until the document's status is {@code indexed} (only {@code pending} may come before it). */
    public static void awaitIndexed(TestApi api, String base, String token, String document) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            String status = api.get(base + "/documents/" + document, token).json().path("status").asString();
            if ("indexed".equals(status)) {
                return;
            }
            assertThat(status).isIn("pending", "indexed");
            assertThat(System.currentTimeMillis()).as("indexing took too long").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Waits until {@code query} finds something in the space: "indexed" can come a moment before the search index
     * sees the document (the status is committed before the index is written).
     */
    public static void awaitSearchable(TestApi api, String base, String token, String space, String query)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (api.post(base + "/search", token, Map.of("query", query, "spaceIds", List.of(space)))
                .json().path("hits").isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the document never became searchable").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

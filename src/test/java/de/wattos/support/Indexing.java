package de.wattos.support;

import static org.assertj.core.api.Assertions.assertThat;


/** Waiting, through the REST API, until an uploaded document is indexed (from then on it can be found). */
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
}

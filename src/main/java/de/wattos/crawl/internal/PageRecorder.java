package de.wattos.crawl.internal;

import de.wattos.knowledge.Ingestion;
import java.util.UUID;

/** Records what a crawl run found at each URL ({@link PageOutcome}) in the source's page table. */
final class PageRecorder {

    private final Pages pages;
    private final Ingestion ingestion;
    private final UUID sourceId;
    private final UUID runId;
    private final RunProgress progress;

    PageRecorder(Pages pages, Ingestion ingestion, UUID sourceId, UUID runId, RunProgress progress) {
        this.pages = pages;
        this.ingestion = ingestion;
        this.sourceId = sourceId;
        this.runId = runId;
        this.progress = progress;
    }

    void record(PageOutcome outcome) {
        pages.record(sourceId, runId, outcome);
    }

    /** Records an outcome only for a page crawled before: a new URL that fails or is skipped leaves no row. */
    void recordIfKnown(Pages.Page known, String url, PageStatus status, Integer httpStatus) {
        if (known != null) {
            record(PageOutcome.of(url, status, httpStatus));
        }
    }

    /** Removes the document of a page that may no longer be indexed (noindex). */
    void removeDocument(Pages.Page known) {
        if (known != null && known.documentId() != null) {
            ingestion.remove(known.documentId());
            progress.count(RunProgress.Tally.REMOVED);
        }
    }
}

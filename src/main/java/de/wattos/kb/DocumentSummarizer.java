package de.wattos.kb;

import de.wattos.knowledge.KnowledgeContent;
import java.time.Duration;

/**
 * A service that summarises a document for a knowledge-article draft (SPI; the {@code f13} module implements it with
 * F13's summary routes). Tenant from {@code TenantContext}. Drafting asks every summarizer that is
 * {@link #configured()} for the tenant, then the language-model gateway, then its own extractive summary: a failure
 * here is reported with its reason and the next one is asked.
 */
public interface DocumentSummarizer {

    /** The name recorded as the draft's {@code summarySource}, e.g. {@code f13}. */
    String source();

    /** Whether the current tenant has this summarizer set up. */
    boolean configured();

    /**
     * The summary of a document: from its original file where the service takes such files, else from its text.
     *
     * @throws SummaryFailed with a short reason (shown to the editor) when the service refused, failed or timed out
     */
    Summary summarize(Document document, Duration timeout) throws SummaryFailed;

    /**
     * What there is to summarise: the title, the text WattOS extracted (plain text or Markdown, in the document's
     * language) and, for uploads, the file as it arrived ({@code original} null for crawled pages).
     */
    record Document(String title, String text, KnowledgeContent.OriginalFile original) {
    }

    /** A summary and what was sent for it: {@link #INPUT_FILE} (the original file) or {@link #INPUT_TEXT}. */
    record Summary(String text, String input) {
        public static final String INPUT_FILE = "file";
        public static final String INPUT_TEXT = "text";
    }

    /** Why a summary could not be had. */
    final class SummaryFailed extends Exception {
        public SummaryFailed(String reason) {
            super(reason);
        }
    }
}

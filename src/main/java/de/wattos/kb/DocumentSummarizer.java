package de.wattos.kb;

import java.time.Duration;

/**
 * A service that summarises a document's text for a knowledge-article draft (SPI; the {@code f13} module implements it
 * with F13's summary route). Tenant from {@code TenantContext}. Drafting asks every summarizer that is
 * {@link #configured()} for the tenant, then the language-model gateway, then its own extractive summary: a failure
 * here is reported with its reason and the next one is asked.
 */
public interface DocumentSummarizer {

    /** The name recorded as the draft's {@code summarySource}, e.g. {@code f13}. */
    String source();

    /** Whether the current tenant has this summarizer set up. */
    boolean configured();

    /**
     * The summary of {@code text} (plain text or Markdown, in the document's language).
     *
     * @throws SummaryFailed with a short reason (shown to the editor) when the service refused, failed or timed out
     */
    String summarize(String title, String text, Duration timeout) throws SummaryFailed;

    /** Why a summary could not be had. */
    final class SummaryFailed extends Exception {
        public SummaryFailed(String reason) {
            super(reason);
        }
    }
}

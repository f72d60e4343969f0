package de.wattos.f13.internal;

import de.wattos.kb.DocumentSummarizer;
import de.wattos.knowledge.KnowledgeContent;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * F13's summary routes as a summarizer of knowledge-article drafts, for tenants with an F13 connection: an upload of a
 * type F13 takes (PDF, DOCX) goes as it arrived to {@code POST /summary/file}, everything else (crawled pages, other
 * files, and an upload whose file route failed) as extracted text to {@code POST /summary/text}. Every failure
 * (Keycloak, refusal, 5xx, garbage, timeout) comes back as {@link SummaryFailed} with F13's reason.
 */
@Component
class F13DocumentSummarizer implements DocumentSummarizer {

    /** F13 takes texts of this length at most from us; longer ones are cut at a paragraph or sentence end. */
    static final int MAX_CHARS = 60_000;

    private final F13Settings settings;
    private final F13Client client;

    F13DocumentSummarizer(F13Settings settings, F13Client client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public String source() {
        return F13KnowledgeSource.ORIGIN;
    }

    @Override
    public boolean configured() {
        return settings.find().isPresent();
    }

    @Override
    public Summary summarize(Document document, Duration timeout) throws SummaryFailed {
        F13Settings.Connection c = settings.find().orElseThrow(() -> new SummaryFailed("no F13 connection"));
        long deadline = System.nanoTime() + timeout.toNanos();
        String fileFailure = null;
        KnowledgeContent.OriginalFile file = document.original();
        if (file != null && F13Wire.summaryFileAccepted(file.contentType(), file.size())) {
            try {
                byte[] bytes = file.content().get();
                return new Summary(client.summarizeFile(c, file.filename(), file.contentType(), bytes, timeout).strip(),
                        Summary.INPUT_FILE);
            } catch (F13Client.F13Failure e) {
                if (e.timedOut()) { // F13 is slow or hanging: the text route would wait as long again
                    throw new SummaryFailed("/summary/file: " + e.getMessage());
                }
                fileFailure = "/summary/file: " + e.getMessage();
            }
        }
        if (document.text() == null || document.text().isBlank()) {
            throw new SummaryFailed(fileFailure != null ? fileFailure : "no text to summarise");
        }
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.toMillis() < 1_000) {
            throw new SummaryFailed(fileFailure != null ? fileFailure : "no time left");
        }
        try {
            return new Summary(client.summarize(c, cut(document.text()), left).strip(), Summary.INPUT_TEXT);
        } catch (F13Client.F13Failure e) {
            String reason = (fileFailure != null ? "/summary/text: " : "") + e.getMessage();
            throw new SummaryFailed(fileFailure != null ? fileFailure + "; " + reason : reason);
        }
    }

    static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        int end = text.lastIndexOf("\n\n", MAX_CHARS);
        if (end < MAX_CHARS / 2) {
            end = text.lastIndexOf(". ", MAX_CHARS);
            end = end < MAX_CHARS / 2 ? MAX_CHARS : end + 1;
        }
        return text.substring(0, end);
    }
}

package de.wattos.f13.internal;

import de.wattos.kb.DocumentSummarizer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * F13's {@code POST /summary/text} as a summarizer of knowledge-article drafts, for tenants with an F13 connection.
 * Every failure (Keycloak, refusal, 5xx, garbage, timeout) comes back as {@link SummaryFailed} with F13's reason.
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
    public String summarize(String title, String text, Duration timeout) throws SummaryFailed {
        F13Settings.Connection c = settings.find().orElseThrow(() -> new SummaryFailed("no F13 connection"));
        try {
            return client.summarize(c, cut(text), timeout).strip();
        } catch (F13Client.F13Failure e) {
            throw new SummaryFailed(e.getMessage());
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

package de.wattos.kb.articles;

import de.wattos.kb.DocumentSummarizer;
import de.wattos.knowledge.KnowledgeContent;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelResponse;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Article drafts made from an indexed document: its summary (from a summary service such as F13's, else the
 * tenant's language model through the gateway, else the document's own central sentences) and a line naming the
 * document as the source. The draft is an ordinary draft: it reaches citizens only through the approval workflow.
 * A service or model that fails is skipped with its reason, which the editor sees.
 */
@Service
public class ArticleDrafts {

    public static final String SOURCE_MODEL = "model";
    public static final String SOURCE_EXTRACTIVE = "extractive";
    /** The model gets at most this much of a document (about 6,000 tokens), cut at a paragraph end. */
    static final int MODEL_INPUT_CHARS = 24_000;
    static final Duration SUMMARY_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ArticleDrafts.class);

    /** A summary source that was asked and failed, and why. */
    public record Skipped(String source, String reason) {
    }

    /** {@code summaryInput}: what the summary was made from, {@code file} (the upload as it arrived) or {@code text}. */
    public record Draft(Articles.Article article, String summarySource, String summaryModel, String summaryInput,
            List<Skipped> skipped) {
    }

    private record Summary(String text, String source, String model, String input) {
    }

    private final KnowledgeContent content;
    private final ObjectProvider<DocumentSummarizer> summarizers;
    private final LanguageModels models;
    private final ArticleWorkflow workflow;

    ArticleDrafts(KnowledgeContent content, ObjectProvider<DocumentSummarizer> summarizers, LanguageModels models,
            ArticleWorkflow workflow) {
        this.content = content;
        this.summarizers = summarizers;
        this.models = models;
        this.workflow = workflow;
    }

    /**
     * A draft from document {@code documentId}, in {@code spaceId} (null: the document's own space). An unknown
     * document is 404; one not (yet) served is 409.
     */
    public Draft fromDocument(UUID documentId, UUID spaceId) {
        KnowledgeContent.DocumentText doc = content.document(documentId).orElseThrow(() -> ApiException.notFound("Document"));
        if (doc.text() == null || doc.text().isBlank()) {
            throw new ApiException(HttpStatus.CONFLICT, "document_not_served",
                    "The document is not served (status " + doc.status() + "); drafts come from indexed documents")
                    .withArgs(doc.status());
        }
        String title = title(doc);
        List<Skipped> skipped = new ArrayList<>();
        Summary summary = summarize(title, doc.text(), documentId, skipped);
        String locale = TenantContext.current().locale();
        boolean german = locale == null || locale.startsWith("de");
        String body = summary.text().strip() + "\n\n" + sourceLine(doc, title, german);
        if (body.length() > Articles.MAX_BODY_CHARS) {
            body = body.substring(0, Articles.MAX_BODY_CHARS);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fromDocumentId", documentId.toString());
        details.put("summarySource", summary.source());
        details.put("summaryInput", summary.input());
        Articles.Article article = workflow.create(spaceId == null ? doc.spaceId() : spaceId,
                new Articles.Content(title.length() > 300 ? title.substring(0, 300) : title, body, List.of(), List.of(),
                        null, null, List.of()), details);
        return new Draft(article, summary.source(), summary.model(), summary.input(), List.copyOf(skipped));
    }

    private Summary summarize(String title, String text, UUID documentId, List<Skipped> skipped) {
        KnowledgeContent.OriginalFile original = null;
        boolean originalRead = false;
        for (DocumentSummarizer s : summarizers.orderedStream().toList()) {
            if (!s.configured()) {
                continue;
            }
            if (!originalRead) { // read once, and only when a service may take it
                original = content.original(documentId).orElse(null);
                originalRead = true;
            }
            try {
                DocumentSummarizer.Summary summary = s.summarize(new DocumentSummarizer.Document(title, text, original),
                        SUMMARY_TIMEOUT);
                if (summary != null && summary.text() != null && !summary.text().isBlank()) {
                    return new Summary(summary.text(), s.source(), null, summary.input());
                }
                skipped.add(new Skipped(s.source(), "empty summary"));
            } catch (DocumentSummarizer.SummaryFailed e) {
                skipped.add(new Skipped(s.source(), e.getMessage()));
            } catch (RuntimeException e) {
                log.warn("Summary by {} failed", s.source(), e);
                skipped.add(new Skipped(s.source(), e.getClass().getSimpleName()));
            }
        }
        if (models.modelAvailable()) {
            try {
                ModelResponse r = models.complete(modelRequest(title, text));
                if (!r.extractive() && r.text() != null && !r.text().isBlank()) {
                    return new Summary(r.text(), SOURCE_MODEL, r.provider() + "/" + r.model(),
                            DocumentSummarizer.Summary.INPUT_TEXT);
                }
                skipped.add(new Skipped(SOURCE_MODEL, r.extractive() ? "no model available" : "empty summary"));
            } catch (ModelException e) {
                skipped.add(new Skipped(SOURCE_MODEL, e.code() + ": " + e.getMessage()));
            }
        }
        return new Summary(ExtractiveSummary.of(text, content::terms), SOURCE_EXTRACTIVE, null,
                DocumentSummarizer.Summary.INPUT_TEXT);
    }

    static ModelRequest modelRequest(String title, String text) {
        String input = text;
        if (input.length() > MODEL_INPUT_CHARS) {
            int end = input.lastIndexOf("\n\n", MODEL_INPUT_CHARS);
            input = input.substring(0, end < MODEL_INPUT_CHARS / 2 ? MODEL_INPUT_CHARS : end);
        }
        String system = """
                Du fasst ein Dokument einer Verwaltung als Entwurf für einen Wissensartikel zusammen, den Bürgerinnen \
                und Bürger lesen. Schreibe in der Sprache des Dokuments, sachlich und verständlich, in höchstens sechs \
                Sätzen oder Stichpunkten. Übernimm nur Aussagen, die im Dokument stehen: keine Zahlen, Fristen, Beträge, \
                Orte oder Zuständigkeiten, die dort nicht stehen, keine Ratschläge und keine Einleitung wie „Das \
                Dokument beschreibt“.""";
        return new ModelRequest(List.of(new ModelRequest.ModelMessage(ModelRequest.ModelMessage.Role.SYSTEM, system),
                new ModelRequest.ModelMessage(ModelRequest.ModelMessage.Role.USER, "Titel: " + title + "\n\n" + input)),
                null, 0.2, 600, null, "kb-summary");
    }

    private static String title(KnowledgeContent.DocumentText doc) {
        for (String t : new String[] {doc.title(), doc.filename(), doc.url()}) {
            if (t != null && !t.isBlank()) {
                return t.strip();
            }
        }
        return "Dokument";
    }

    /** Names the document the draft was made from: its link when it has one. */
    static String sourceLine(KnowledgeContent.DocumentText doc, String title, boolean german) {
        String label = german ? "Quelle" : "Source";
        String name = title.replace("[", "(").replace("]", ")");
        if (doc.url() != null && (doc.url().startsWith("https://") || doc.url().startsWith("http://"))) {
            return label + ": [" + name + "](" + doc.url().replace(")", "%29").replace(" ", "%20") + ")";
        }
        return label + ": " + name;
    }
}

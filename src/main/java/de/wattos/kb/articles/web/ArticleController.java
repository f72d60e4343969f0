package de.wattos.kb.articles.web;

import de.wattos.kb.articles.ArticleAction;
import de.wattos.kb.articles.ArticleDiff;
import de.wattos.kb.articles.ArticleDrafts;
import de.wattos.kb.articles.ArticleStatus;
import de.wattos.kb.articles.ArticleWorkflow;
import de.wattos.kb.articles.Articles;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Knowledge articles and their approval workflow: {@code /api/v1/tenants/{tenant}/kb/articles}. Editors
 * write, submit, publish and withdraw; approving and rejecting takes a tenant admin who is not the version's author.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/kb/articles")
public class ArticleController {

    public static final int MAX_BODY_CHARS = Articles.MAX_BODY_CHARS;

    record CreateRequest(
            @NotNull UUID spaceId,
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = MAX_BODY_CHARS) String body,
            @Size(max = 20) List<@NotBlank @Size(max = 300) String> questions,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            Instant validFrom,
            Instant validTo,
            @Size(max = 20) List<@NotNull UUID> personaIds) {
    }

    /** {@code version}: the version the edit is based on; a newer one in the meantime answers 409. */
    record EditRequest(
            @NotBlank @Size(max = 300) String title,
            @NotBlank @Size(max = MAX_BODY_CHARS) String body,
            @Size(max = 20) List<@NotBlank @Size(max = 300) String> questions,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            @Min(1) Integer version,
            Instant validFrom,
            Instant validTo,
            @Size(max = 20) List<@NotNull UUID> personaIds) {
    }

    /** {@code spaceId}: where the draft goes (null: the document's own space). */
    record FromDocumentRequest(@NotNull UUID documentId, UUID spaceId) {
    }

    /**
     * A draft made from a document: {@code summarySource} {@code f13}, {@code model} (then {@code summaryModel} names
     * provider and model) or {@code extractive}; {@code summaryInput} what it was made from: {@code file} (the upload
     * as it arrived, sent to F13's file route) or {@code text} (the text WattOS extracted); {@code skipped} the sources
     * asked first that failed, with why.
     */
    record DraftView(ArticleView article, String summarySource, String summarySourceLabel, String summaryModel,
            String summaryInput, List<ArticleDrafts.Skipped> skipped) {
    }

    record ApproveRequest(@Size(max = 2000) String comment) {
    }

    record RejectRequest(@NotBlank @Size(max = 2000) String comment) {
    }

    record ArticleView(UUID id, UUID spaceId, ArticleStatus status, String statusLabel, int version, String title,
            String body, List<String> questions, List<String> tags, String authorId, String authorName, Integer approvedVersion,
            Integer publishedVersion, UUID publishedDocumentId, String reviewComment, String reviewedBy,
            Instant reviewedAt, List<String> allowedActions, Instant createdAt, Instant updatedAt, Instant validFrom,
            Instant validTo, List<UUID> personaIds, boolean served) {
    }

    private final ArticleWorkflow workflow;
    private final Articles articles;
    private final ArticleTexts texts;
    private final ArticleDrafts drafts;

    ArticleController(ArticleWorkflow workflow, Articles articles, ArticleTexts texts, ArticleDrafts drafts) {
        this.drafts = drafts;
        this.workflow = workflow;
        this.articles = articles;
        this.texts = texts;
    }

    @GetMapping
    @TenantRole(Role.VIEWER)
    Page<ArticleView> list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        ArticleStatus filter = parseStatus(status);
        return new Page<>(articles.list(filter, page, size).stream().map(this::view).toList(), page, size,
                articles.count(filter));
    }

    @PostMapping
    @TenantRole(Role.EDITOR)
    ResponseEntity<ArticleView> create(@Valid @RequestBody CreateRequest request) {
        checkValidity(request.validFrom(), request.validTo());
        var article = workflow.create(request.spaceId(), new Articles.Content(request.title().strip(), request.body(),
                distinct(request.questions()), distinct(request.tags()), request.validFrom(), request.validTo(), distinctIds(request.personaIds())));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(article));
    }

    /**
     * A draft from an indexed document's summary (F13's summary service, else the tenant's model, else the document's
     * own central sentences). Unknown document 404; a document not served (pending, failed, removed) 409.
     */
    @PostMapping("/from-document")
    @TenantRole(Role.EDITOR)
    ResponseEntity<DraftView> fromDocument(@Valid @RequestBody FromDocumentRequest request) {
        ArticleDrafts.Draft draft = drafts.fromDocument(request.documentId(), request.spaceId());
        return ResponseEntity.status(HttpStatus.CREATED).body(new DraftView(view(draft.article()), draft.summarySource(),
                texts.summarySource(draft.summarySource()), draft.summaryModel(), draft.summaryInput(),
                draft.skipped()));
    }

    @GetMapping("/{article}")
    @TenantRole(Role.VIEWER)
    ArticleView get(@PathVariable UUID article) {
        return view(workflow.get(article));
    }

    @PutMapping("/{article}")
    @TenantRole(Role.EDITOR)
    ArticleView edit(@PathVariable UUID article, @Valid @RequestBody EditRequest request) {
        checkValidity(request.validFrom(), request.validTo());
        return view(workflow.edit(article, request.version(), new Articles.Content(request.title().strip(), request.body(),
                distinct(request.questions()), distinct(request.tags()), request.validFrom(), request.validTo(), distinctIds(request.personaIds()))));
    }

    @GetMapping("/{article}/versions")
    @TenantRole(Role.VIEWER)
    List<Articles.Version> versions(@PathVariable UUID article) {
        return workflow.versions(article);
    }

    @GetMapping("/{article}/versions/{version}")
    @TenantRole(Role.VIEWER)
    Articles.Version version(@PathVariable UUID article, @PathVariable int version) {
        return workflow.version(article, version);
    }

    /** Version {@code version} against {@code against} (the old side); an unknown version of either side is 404. */
    @GetMapping("/{article}/versions/{version}/diff")
    @TenantRole(Role.VIEWER)
    ArticleDiff diff(@PathVariable UUID article, @PathVariable int version, @RequestParam int against) {
        return workflow.diff(article, version, against);
    }

    @PostMapping("/{article}/submit")
    @TenantRole(Role.EDITOR)
    ArticleView submit(@PathVariable UUID article) {
        return view(workflow.submit(article));
    }

    @PostMapping("/{article}/approve")
    @TenantRole(Role.REVIEWER)
    ArticleView approve(@PathVariable UUID article, @Valid @RequestBody(required = false) ApproveRequest request) {
        String comment = request == null || request.comment() == null || request.comment().isBlank() ? null
                : request.comment().strip();
        return view(workflow.approve(article, comment));
    }

    @PostMapping("/{article}/reject")
    @TenantRole(Role.REVIEWER)
    ArticleView reject(@PathVariable UUID article, @Valid @RequestBody RejectRequest request) {
        return view(workflow.reject(article, request.comment().strip()));
    }

    @PostMapping("/{article}/publish")
    @TenantRole(Role.EDITOR)
    ArticleView publish(@PathVariable UUID article) {
        return view(workflow.publish(article));
    }

    @PostMapping("/{article}/withdraw")
    @TenantRole(Role.EDITOR)
    ArticleView withdraw(@PathVariable UUID article) {
        return view(workflow.withdraw(article));
    }

    private ArticleView view(Articles.Article a) {
        return new ArticleView(a.id(), a.spaceId(), a.status(), texts.label(a.status()), a.version(), a.title(), a.body(),
                a.questions(), a.tags(), a.authorId(), a.authorName(), a.approvedVersion(), a.publishedVersion(), a.publishedDocumentId(),
                a.reviewComment(), a.reviewedBy(), a.reviewedAt(),
                a.status().allowed().stream().map(ArticleAction::key).toList(), a.createdAt(), a.updatedAt(),
                a.validFrom(), a.validTo(), a.personaIds(), a.status() == ArticleStatus.PUBLISHED && a.publishedDocumentId() != null);
    }

    /** {@code validTo} must lie after {@code validFrom} (either may be open). */
    private static void checkValidity(Instant validFrom, Instant validTo) {
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            throw ApiException.invalidField("validTo", "kb.article.valid_to_before_from");
        }
    }

    private static List<UUID> distinctIds(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }

    private static ArticleStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ArticleStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "kb.article.status_unknown");
        }
    }
}

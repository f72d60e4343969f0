package de.wattos.kb.review.web;

import de.wattos.kb.review.ChangeKind;
import de.wattos.kb.review.ChangeRequests;
import de.wattos.kb.review.ChangeReview;
import de.wattos.kb.review.ChangeStatus;
import de.wattos.kb.review.SentenceDiff;
import de.wattos.platform.ApiException;
import de.wattos.platform.Ids;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review queue of crawl changes: {@code /api/v1/tenants/{tenant}/kb/changes}. Everyone in the tenant may read
 * it; approving and rejecting takes a tenant admin.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/kb/changes")
class ChangeReviewController {

    record DecisionRequest(@Size(max = 2000) String comment) {
    }

    record BulkApproveRequest(@NotEmpty @Size(max = ChangeReview.MAX_BULK) List<@NotNull UUID> ids,
            @Size(max = 2000) String comment) {
    }

    record ChangeSummary(UUID id, UUID spaceId, UUID sourceId, String url, String title, ChangeKind kind,
            String kindLabel, ChangeStatus status, String statusLabel, UUID documentId, Instant detectedAt,
            Instant decidedAt, String decidedBy, String comment) {
    }

    record Diff(List<SentenceDiff.Sentence> oldSide, List<SentenceDiff.Sentence> newSide, int removed, int added) {
    }

    record ChangeView(ChangeSummary change, String oldText, String newText, Diff diff) {
    }

    record BulkResult(int approved, int failed, List<ChangeReview.BulkOutcome> outcomes) {
    }

    private final ChangeReview review;
    private final ChangeRequests changes;
    private final ReviewTexts texts;

    ChangeReviewController(ChangeReview review, ChangeRequests changes, ReviewTexts texts) {
        this.review = review;
        this.changes = changes;
        this.texts = texts;
    }

    /** {@code status}: pending (default), approved, rejected, superseded or all. */
    @GetMapping
    Page<ChangeSummary> list(@RequestParam(defaultValue = "pending") String status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        ChangeStatus filter = parseStatus(status);
        return new Page<>(changes.list(filter, page, size).stream().map(this::summary).toList(), page, size,
                changes.count(filter));
    }

    @GetMapping("/{change}")
    ChangeView get(@PathVariable String change) {
        return view(review.get(id(change)));
    }

    @PostMapping("/{change}/approve")
    @TenantRole(Role.REVIEWER)
    ChangeView approve(@PathVariable String change, @Valid @RequestBody(required = false) DecisionRequest request) {
        return view(review.approve(id(change), comment(request)));
    }

    @PostMapping("/{change}/reject")
    @TenantRole(Role.REVIEWER)
    ChangeView reject(@PathVariable String change, @Valid @RequestBody(required = false) DecisionRequest request) {
        return view(review.reject(id(change), comment(request)));
    }

    /** Bulk approval: each change is approved on its own; the answer says which were and why not. */
    @PostMapping("/approve")
    @TenantRole(Role.REVIEWER)
    BulkResult approveAll(@Valid @RequestBody BulkApproveRequest request) {
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        List<ChangeReview.BulkOutcome> outcomes = review.approveAll(request.ids(), comment);
        int approved = (int) outcomes.stream().filter(ChangeReview.BulkOutcome::approved).count();
        return new BulkResult(approved, outcomes.size() - approved, outcomes);
    }

    private ChangeSummary summary(ChangeRequests.ChangeRequest c) {
        return new ChangeSummary(c.id(), c.spaceId(), c.sourceId(), c.url(), c.title() == null ? c.url() : c.title(),
                c.kind(), texts.label(c.kind().labelKey(), c.kind().name()), c.status(),
                texts.label(c.status().labelKey(), c.status().name()), c.documentId(), c.detectedAt(), c.decidedAt(),
                c.decidedByName() == null ? c.decidedBy() : c.decidedByName(), c.comment());
    }

    private ChangeView view(ChangeRequests.ChangeRequest c) {
        SentenceDiff.Result diff = SentenceDiff.between(c.oldText(), c.newText());
        return new ChangeView(summary(c), c.oldText(), c.newText(),
                new Diff(diff.oldSide(), diff.newSide(), diff.removed(), diff.added()));
    }

    private static String comment(DecisionRequest request) {
        return request == null || request.comment() == null || request.comment().isBlank() ? null
                : request.comment().strip();
    }

    private static UUID id(String value) {
        UUID id = Ids.parseOrNull(value);
        if (id == null) {
            throw ApiException.notFound("Change_request");
        }
        return id;
    }

    private static ChangeStatus parseStatus(String status) {
        String s = status.strip().toUpperCase(Locale.ROOT);
        if (s.equals("ALL")) {
            return null;
        }
        try {
            return ChangeStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "kb.change.status_unknown");
        }
    }
}

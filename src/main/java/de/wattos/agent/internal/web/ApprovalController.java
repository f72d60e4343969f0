package de.wattos.agent.internal.web;

import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.Approval;
import de.wattos.agent.internal.run.ApprovalDecisions;
import de.wattos.agent.internal.run.ApprovalStatus;
import de.wattos.agent.internal.run.Approvals;
import de.wattos.platform.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The approval inbox: paused runs' proposed tool calls; approve (optionally with edited arguments, keyed by call id)
 * resumes the run, deny ends it politely. Live updates: the event stream's {@code tool.Approval*} events.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/approvals")
class ApprovalController {

    private final Approvals approvals;
    private final ApprovalDecisions decisions;

    ApprovalController(Approvals approvals, ApprovalDecisions decisions) {
        this.approvals = approvals;
        this.decisions = decisions;
    }

    record Items(List<Approval> items) {
    }

    record ApproveRequest(Map<String, Map<String, Object>> arguments, String note) {
    }

    record DenyRequest(String note) {
    }

    @GetMapping
    Items list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        ApprovalStatus filter;
        try {
            filter = status == null || status.isBlank() ? null : ApprovalStatus.of(status);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "pending, approved, denied or expired");
        }
        de.wattos.platform.Page.check(page, size);
        return new Items(approvals.list(filter, page * size, size));
    }

    @GetMapping("/{id}")
    Approval get(@PathVariable UUID id) {
        return approvals.find(id).orElseThrow(() -> ApiException.notFound("Approval"));
    }

    @PostMapping("/{id}/approve")
    AgentRun approve(@PathVariable UUID id, @RequestBody(required = false) ApproveRequest request) {
        String note = request == null ? null : request.note();
        if (note != null && note.length() > 2000) {
            throw ApiException.invalidField("note", "at most 2000 characters");
        }
        return decisions.approve(id, request == null ? null : request.arguments(), note);
    }

    @PostMapping("/{id}/deny")
    AgentRun deny(@PathVariable UUID id, @RequestBody(required = false) DenyRequest request) {
        String note = request == null ? null : request.note();
        if (note != null && note.length() > 2000) {
            throw ApiException.invalidField("note", "at most 2000 characters");
        }
        return decisions.deny(id, note);
    }
}

package de.wattos.agent.internal.run;

import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.llm.ToolCall;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person decides on a paused run: approve (optionally with edited arguments) resumes the run from its persisted
 * state, also after a restart; deny or expiry end it with a polite answer. First decision wins; all are audited.
 */
@Service
public class ApprovalDecisions {

    private static final Logger log = LoggerFactory.getLogger(ApprovalDecisions.class);

    private final Approvals approvals;
    private final AgentRuns runs;
    private final AgentRunner runner;
    private final AgentAnnouncements announce;
    private final AuditLog audit;
    private final Tenants tenants;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ConversationReplies replies;
    private final RunTexts texts;

    ApprovalDecisions(Approvals approvals, AgentRuns runs, AgentRunner runner, AgentAnnouncements announce, AuditLog audit,
            Tenants tenants, JdbcClient jdbc, JsonMapper json, ConversationReplies replies, RunTexts texts) {
        this.texts = texts;
        this.replies = replies;
        this.approvals = approvals;
        this.runs = runs;
        this.runner = runner;
        this.announce = announce;
        this.audit = audit;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.json = json;
    }

    public AgentRun approve(UUID approvalId, Map<String, Map<String, Object>> editedArguments, String note) {
        Approval approval = pending(approvalId);
        List<ToolCall> calls = new ArrayList<>();
        Map<String, Map<String, Object>> edits = editedArguments == null ? Map.of() : editedArguments;
        for (String callId : edits.keySet()) {
            if (approval.calls().stream().noneMatch(c -> c.id().equals(callId))) {
                throw ApiException.invalidField("arguments", "no proposed call has the id %s", callId);
            }
        }
        for (ToolCall c : approval.calls()) {
            Map<String, Object> edited = edits.get(c.id());
            calls.add(edited == null ? c : new ToolCall(c.id(), c.name(), json.writeValueAsString(edited)));
        }
        Actor actor = CurrentActor.get();
        decide(approval, ApprovalStatus.APPROVED, actor, note, !edits.isEmpty());
        AgentRun resumed = runner.resumeApproved(approval.runId(), calls);
        replies.postLate(resumed);
        return resumed;
    }

    public AgentRun deny(UUID approvalId, String note) {
        Approval approval = pending(approvalId);
        decide(approval, ApprovalStatus.DENIED, CurrentActor.get(), note, false);
        RunState state = runs.state(approval.runId()).orElseThrow();
        runs.finish(approval.runId(), RunStatus.COMPLETED, texts.denied(languageOfRun(approval.runId())), List.of(), state, "approval_denied");
        AgentRun ended = runner.get(approval.runId());
        replies.postLate(ended);
        return ended;
    }

    private Approval pending(UUID approvalId) {
        Approval approval = approvals.find(approvalId).orElseThrow(() -> ApiException.notFound("Approval"));
        if (approval.status() != ApprovalStatus.PENDING) {
            throw ApiException.conflict("approval_decided", "This approval was already decided: " + approval.status().wire());
        }
        return approval;
    }

    private void decide(Approval approval, ApprovalStatus decision, Actor actor, String note, boolean edited) {
        if (!approvals.decide(approval.id(), decision, actor.name(), note)) {
            throw ApiException.conflict("approval_decided", "Someone decided on this approval first");
        }
        if (!runs.claim(approval.runId(), RunStatus.AWAITING_APPROVAL, RunStatus.RUNNING)) {
            throw ApiException.conflict("run_not_waiting", "The run is no longer waiting for this approval");
        }
        String tools = String.join(",", approval.calls().stream().map(ToolCall::name).toList());
        audit.record(AuditEntry.success(TenantContext.currentId(), actor, "agent.approval." + decision.wire(), "agent_approval",
                approval.id().toString(), Map.of("runId", approval.runId().toString(), "tools", tools, "edited", edited)));
        announce.approval(decision == ApprovalStatus.APPROVED ? "approval.granted" : "approval.denied", approval.runId(),
                approval.agentId(), approval.id(), tools);
    }

    /** Ends runs whose approval waited too long (see {@link ApprovalExpirySweep}); the first decision wins. */
    public void expireOverdue() {
        List<UUID> tenantIds = jdbc.sql("select distinct tenant_id from agent_approvals where status = :pending and expires_at < now()")
                .param("pending", ApprovalStatus.PENDING.wire()).query(UUID.class).list();
        for (UUID tenantId : tenantIds) {
            tenants.ref(tenantId).ifPresent(ref -> TenantContext.runAs(ref, () -> {
                for (UUID id : approvals.expired()) {
                    try {
                        expire(id);
                    } catch (RuntimeException e) {
                        log.warn("Could not expire approval {}: {}", id, e.getMessage());
                    }
                }
            }));
        }
    }

    void expire(UUID approvalId) {
        Approval approval = approvals.find(approvalId).orElseThrow();
        if (!approvals.decide(approvalId, ApprovalStatus.EXPIRED, Actor.SYSTEM.name(), "timeout")
                || !runs.claim(approval.runId(), RunStatus.AWAITING_APPROVAL, RunStatus.RUNNING)) {
            return;
        }
        audit.record(AuditEntry.success(TenantContext.currentId(), Actor.SYSTEM, "agent.approval.expired", "agent_approval",
                approvalId.toString(), Map.of("runId", approval.runId().toString())));
        announce.approval("approval.denied", approval.runId(), approval.agentId(), approvalId, "timeout");
        RunState state = runs.state(approval.runId()).orElseThrow();
        runs.finish(approval.runId(), RunStatus.COMPLETED, texts.expired(languageOfRun(approval.runId())), List.of(), state, "approval_expired");
        replies.postLate(runner.get(approval.runId()));
    }

    private String languageOfRun(UUID runId) {
        return runner.language(runner.get(runId));
    }
}

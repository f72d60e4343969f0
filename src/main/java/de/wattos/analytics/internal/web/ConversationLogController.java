package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.ConversationErasure;
import de.wattos.analytics.internal.ConversationExport;
import de.wattos.analytics.internal.ConversationLog;
import de.wattos.analytics.internal.LogFilter;
import de.wattos.analytics.internal.PiiMask;
import de.wattos.analytics.internal.RetentionPurge;
import de.wattos.analytics.internal.RetentionSettings;
import de.wattos.analytics.internal.TranscriptView;
import de.wattos.audit.AuditEntry;
import de.wattos.audit.AuditLog;
import de.wattos.chat.ConversationRecords;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Page;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conversation log of a tenant: list, search, transcript, export, erasure (one conversation or one visitor)
 * and retention. Texts are shown masked (e-mail, phone, IBAN) unless the viewer is a tenant admin. Exports and
 * erasures are audited. The tenant is bound centrally from the path.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/analytics")
class ConversationLogController {

    static final int MAX_RETENTION_DAYS = 36500;

    private final ConversationLog log;
    private final ConversationRecords chat;
    private final ConversationExport export;
    private final ConversationErasure erasure;
    private final RetentionSettings retention;
    private final RetentionPurge purge;
    private final AuditLog audit;

    ConversationLogController(ConversationLog log, ConversationRecords chat, ConversationExport export,
            ConversationErasure erasure, RetentionSettings retention, RetentionPurge purge, AuditLog audit) {
        this.log = log;
        this.chat = chat;
        this.export = export;
        this.erasure = erasure;
        this.retention = retention;
        this.purge = purge;
        this.audit = audit;
    }

    record Item(UUID conversationId, Instant startedAt, String channel, UUID widgetId, UUID agentId,
            boolean returningVisitor, int answers, int noAnswers, int thumbsUp, int thumbsDown, String firstQuestion) {
    }

    @GetMapping("/conversations")
    Page<Item> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID widgetId, @RequestParam(required = false) UUID agentId,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String feedback,
            @RequestParam(required = false) Boolean noAnswer, @RequestParam(required = false) String text,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        LogFilter filter = filter(from, to, widgetId, agentId, channel, feedback, noAnswer, text);
        UnaryOperator<String> mask = mask();
        ConversationLog.Page p = log.list(filter, page, size);
        return new Page<>(p.items().stream().map(s -> new Item(s.conversationId(), s.startedAt(), s.channel(),
                s.widgetId(), s.agentId(), s.returningVisitor(), s.answers(), s.noAnswers(), s.thumbsUp(),
                s.thumbsDown(), mask.apply(s.firstQuestion()))).toList(), p.page(), p.size(), p.total());
    }

    @GetMapping("/conversations/{id}")
    TranscriptView transcript(@PathVariable UUID id) {
        var transcript = chat.transcript(id);
        var summary = log.find(id);
        if (transcript.isEmpty() && summary.isEmpty()) {
            throw ApiException.notFound("Conversation");
        }
        return TranscriptView.of(summary, transcript, mask());
    }

    /** Streams the filtered log as CSV or JSON (any size); audited. */
    @GetMapping("/conversations/export")
    @TenantRole(Role.TENANT_ADMIN)
    void export(@RequestParam(required = false) String format, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) UUID widgetId,
            @RequestParam(required = false) UUID agentId, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String feedback, @RequestParam(required = false) Boolean noAnswer,
            @RequestParam(required = false) String text, HttpServletResponse response) throws IOException {
        ConversationExport.Format f;
        try {
            f = ConversationExport.Format.valueOf((format == null ? "csv" : format).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("format", "analytics.field.format");
        }
        LogFilter filter = filter(from, to, widgetId, agentId, channel, feedback, noAnswer, text);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", f.name().toLowerCase(Locale.ROOT));
        details.put("filter", filter.toString());
        record("analytics.conversations.exported", "conversations", null, details);
        String extension = f.name().toLowerCase(Locale.ROOT);
        response.setContentType(f == ConversationExport.Format.CSV ? "text/csv;charset=UTF-8" : "application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"conversations-"
                + TenantContext.current().slug() + "." + extension + "\"");
        response.setHeader("Cache-Control", "no-store");
        export.write(filter, f, unmasked(), LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    /** GDPR: erases one conversation (transcript, feedback, analytics entries); audited. */
    @DeleteMapping("/conversations/{id}")
    @TenantRole(Role.TENANT_ADMIN)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable UUID id) {
        if (erasure.erase(List.of(id)) == 0) {
            throw ApiException.notFound("Conversation");
        }
        record("analytics.conversation.erased", "conversation", id.toString(), Map.of());
    }

    record VisitorErasure(String visitorId) {
    }

    record Erased(int conversations) {
    }

    /** GDPR: erases every conversation of one widget visitor (by the widget's visitor id); audited. */
    @PostMapping("/visitors/erase")
    @TenantRole(Role.TENANT_ADMIN)
    Erased eraseVisitor(@RequestBody VisitorErasure body) {
        String visitorId = body == null ? null : body.visitorId();
        if (visitorId == null || visitorId.isBlank() || visitorId.length() > 200) {
            throw ApiException.invalidField("visitorId", "analytics.field.visitor_id");
        }
        String pseudonym = ConversationErasure.pseudonymOf(TenantContext.currentId(), visitorId);
        int n = erasure.eraseVisitor(pseudonym, log.ofVisitor(pseudonym));
        // the audit names the pseudonym only: the trail must not keep what was erased
        record("analytics.visitor.erased", "visitor", pseudonym, Map.of("conversations", n));
        return new Erased(n);
    }

    record VisitorConversations(int conversations) {
    }

    /**
     * How many conversations the visitor of this conversation has (a person asking for erasure is found by one of
     * theirs); 404 when the conversation has no widget visitor.
     */
    @GetMapping("/conversations/{id}/visitor")
    @TenantRole(Role.TENANT_ADMIN)
    VisitorConversations visitorOf(@PathVariable UUID id) {
        String pseudonym = log.visitorOf(id).orElseThrow(() -> ApiException.notFound("Visitor"));
        return new VisitorConversations(log.ofVisitor(pseudonym).size());
    }

    /** GDPR: erases every conversation of the visitor of this conversation (this one included); audited. */
    @PostMapping("/conversations/{id}/visitor/erase")
    @TenantRole(Role.TENANT_ADMIN)
    Erased eraseVisitorOf(@PathVariable UUID id) {
        String pseudonym = log.visitorOf(id).orElseThrow(() -> ApiException.notFound("Visitor"));
        int n = erasure.eraseVisitor(pseudonym, log.ofVisitor(pseudonym));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conversations", n);
        details.put("foundBy", id.toString());
        record("analytics.visitor.erased", "visitor", pseudonym, details);
        return new Erased(n);
    }

    record Retention(Integer days) {
    }

    @GetMapping("/retention")
    Retention retention() {
        return new Retention(retention.retentionDays());
    }

    @PutMapping("/retention")
    @TenantRole(Role.TENANT_ADMIN)
    Retention setRetention(@RequestBody Retention body) {
        Integer days = body == null ? null : body.days();
        if (days != null && (days < 1 || days > MAX_RETENTION_DAYS)) {
            throw ApiException.invalidField("days", "analytics.field.retention_days", 1, MAX_RETENTION_DAYS);
        }
        retention.setRetentionDays(days, CurrentActor.get().label());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("days", days == null ? "keep" : days);
        record("analytics.retention.updated", "tenant", TenantContext.currentId().toString(), details);
        return new Retention(days);
    }

    /** Runs the retention purge for this tenant now (it also runs on its schedule). */
    @PostMapping("/retention/purge")
    @TenantRole(Role.TENANT_ADMIN)
    Erased purge() {
        return new Erased(purge.purge(Instant.now(), CurrentActor.get()));
    }

    private LogFilter filter(String from, String to, UUID widgetId, UUID agentId, String channel, String feedback,
            Boolean noAnswer, String text) {
        return LogFilter.parse(from, to, widgetId, agentId, channel, feedback, noAnswer, text,
                TenantContext.current().timeZone());
    }

    private static boolean unmasked() {
        Role role = CurrentActor.get().roleIn(TenantContext.currentId());
        return role != null && role.includes(Role.TENANT_ADMIN);
    }

    private static UnaryOperator<String> mask() {
        return unmasked() ? UnaryOperator.identity() : PiiMask::mask;
    }

    private void record(String action, String targetType, String targetId, Map<String, Object> details) {
        audit.record(AuditEntry.success(TenantContext.currentId(), CurrentActor.get(), action, targetType, targetId,
                details));
    }
}

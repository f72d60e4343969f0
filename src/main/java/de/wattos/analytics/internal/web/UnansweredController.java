package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.UnansweredQuestions;
import de.wattos.platform.Role;
import de.wattos.platform.TenantRole;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Unanswered and down-rated questions, clustered; editors mark them handled. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/analytics/unanswered")
class UnansweredController {

    private final UnansweredQuestions questions;

    UnansweredController(UnansweredQuestions questions) {
        this.questions = questions;
    }

    @GetMapping
    UnansweredQuestions.Clusters list(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "false") boolean includeHandled) {
        return questions.clusters(from, to, includeHandled);
    }

    record MarkHandled(List<UUID> messageIds) {
    }

    record Handled(int handled) {
    }

    @PostMapping("/handled")
    @TenantRole(Role.EDITOR)
    Handled markHandled(@RequestBody MarkHandled body) {
        return new Handled(questions.markHandled(body == null ? null : body.messageIds()));
    }
}

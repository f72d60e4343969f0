package de.wattos.agent.internal.web;

import de.wattos.agent.internal.run.AgentRun;
import de.wattos.agent.internal.run.AgentRunner;
import de.wattos.agent.internal.run.AgentRuns;
import de.wattos.platform.ApiException;
import de.wattos.platform.Page;
import org.springframework.context.i18n.LocaleContextHolder;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** AgentRuns an agent on a question (with tools) and shows runs with every recorded step. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/agent-runtime/runs")
class RunController {

    private final AgentRunner runner;
    private final AgentRuns runs;

    RunController(AgentRunner runner, AgentRuns runs) {
        this.runner = runner;
        this.runs = runs;
    }

    record RunRequest(UUID agentId, UUID conversationId, String question) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AgentRun run(@RequestBody RunRequest request) {
        if (request == null || request.question() == null || request.question().isBlank() || request.question().length() > 4000) {
            throw ApiException.invalidField("question", "1–4000 characters");
        }
        // an API caller learns of a spent cap as a problem (429 with the time until it starts anew), not as an answer
        runner.budgetExceeded(request.agentId(), request.conversationId()).ifPresent(over -> {
            throw ApiException.tooManyRequests("budget_exceeded", "The " + (over.inEur() ? "cost cap" : "token budget")
                    + " of the " + over.scope() + " (" + over.period() + ") is spent", over.retryAfterSeconds())
                    .withMessageKey(over.problemKey());
        });
        // the runtime's own texts (approval pending or denied, budget spent, handoff) in the requester's language
        String language = "en".equals(LocaleContextHolder.getLocale().getLanguage()) ? "en" : "de";
        return runner.run(request.agentId(), request.conversationId(), request.question().strip(), java.util.List.of(), null,
                language);
    }

    @GetMapping
    Page<AgentRun> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        Page.check(page, size);
        return new Page<>(runs.list(page * size, size), page, size, runs.count());
    }

    @GetMapping("/{id}")
    AgentRun get(@PathVariable UUID id) {
        return runner.get(id);
    }
}

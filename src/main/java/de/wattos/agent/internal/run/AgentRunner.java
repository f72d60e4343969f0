package de.wattos.agent.internal.run;

import de.wattos.agent.internal.budget.AgentBudgets;
import de.wattos.agent.internal.budget.BudgetExceeded;
import de.wattos.agent.internal.policy.AgentPolicies;
import de.wattos.agent.internal.text.AgentTexts;
import de.wattos.agent.internal.policy.AgentPolicy;
import de.wattos.agent.internal.tool.ToolCallResult;
import de.wattos.agent.internal.tool.ToolCatalog;
import de.wattos.agent.internal.tool.ToolOutcome;
import de.wattos.agent.internal.tool.builtin.HandoffToolFactory;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.character.AgentProfile;
import de.wattos.character.Agents;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.ToolSpec;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.ModelStream;
import de.wattos.llm.StreamHandler;
import de.wattos.chat.ConversationResponder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import de.wattos.llm.ToolCall;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/**
 * AgentRuns an agent on one question. With a language model: the function-calling loop (the model asks for tools, the
 * policy decides on every step, tools run in parallel under a deadline, results go back to the model) until the
 * model answers or the step limit is reached. Without a model: {@link ExtractiveAgent} uses the tools
 * deterministically. A tool that needs approval pauses the run with its state persisted.
 */
@Service
public class AgentRunner {

    static final String TOOL_RULES = """

            Du kannst Werkzeuge aufrufen. Nutze knowledge_search für Fakten aus den Quellen der Verwaltung, service_link \
            für Formulare, Termine und Online-Dienste, current_time für Datum, Uhrzeit und Öffnungszeiten. Stütze jede \
            Aussage auf Werkzeugergebnisse und belege sie mit [n] (die Nummer aus dem Ergebnis). Erfinde nichts; wenn die \
            Quellen nichts hergeben, sag das.""";

    private final LanguageModels models;
    private final Agents agents;
    private final AgentPolicies policies;
    private final ToolCatalog catalog;
    private final StepExecutor steps;
    private final AgentRuns runs;
    private final ExtractiveAgent extractive;
    private final AgentProperties properties;
    private final AgentAnnouncements announce;
    private final Approvals approvals;
    private final AgentBudgets budgets;
    private final AgentTexts texts;
    private final RunTexts runTexts;

    AgentRunner(LanguageModels models, Agents agents, AgentPolicies policies, ToolCatalog catalog, StepExecutor steps,
            AgentRuns runs, ExtractiveAgent extractive, AgentProperties properties, AgentAnnouncements announce, Approvals approvals,
            AgentBudgets budgets, AgentTexts texts, RunTexts runTexts) {
        this.runTexts = runTexts;
        this.budgets = budgets;
        this.texts = texts;
        this.models = models;
        this.agents = agents;
        this.policies = policies;
        this.catalog = catalog;
        this.steps = steps;
        this.runs = runs;
        this.extractive = extractive;
        this.properties = properties;
        this.announce = announce;
        this.approvals = approvals;
    }

    /** The run's frame: who runs it under which policy, with which tools and knowledge. */
    record Frame(UUID runId, UUID agentId, UUID conversationId, AgentPolicy policy, List<AgentTool> tools, ToolContext context,
            AtomicInteger stepNumbers, Consumer<String> deltas, String language) {

        Optional<AgentTool> tool(String name) {
            return tools.stream().filter(t -> t.name().equals(name)).findFirst();
        }
    }

    public AgentRun run(UUID agentId, UUID conversationId, String question) {
        return run(agentId, conversationId, question, List.of(), null);
    }

    /**
     * Runs on a conversation's question: {@code history} are its earlier messages (the model sees them),
     * {@code deltas} (may be null) receives the answer's text as the model streams it.
     */
    public AgentRun run(UUID agentId, UUID conversationId, String question, List<ConversationResponder.Said> history,
            Consumer<String> deltas) {
        return run(agentId, conversationId, question, history, deltas, null);
    }

    /** As above, in the conversation's {@code language} ({@code de}, {@code en}; null: German) for the runtime's own texts. */
    public AgentRun run(UUID agentId, UUID conversationId, String question, List<ConversationResponder.Said> history,
            Consumer<String> deltas, String language) {
        AgentProfile agent = agentId == null ? null
                : agents.find(agentId).orElseThrow(() -> ApiException.notFound("Agent"));
        AgentPolicy policy = policies.effective(agentId);
        RunMode mode = models.modelAvailable() ? RunMode.MODEL : RunMode.EXTRACTIVE;
        List<ModelMessage> messages = new ArrayList<>();
        messages.add(new ModelMessage(ModelMessage.Role.SYSTEM, systemPrompt(agent)));
        for (ConversationResponder.Said said : history) {
            if (said.content() != null && !said.content().isBlank()) {
                messages.add(new ModelMessage(said.citizen() ? ModelMessage.Role.USER : ModelMessage.Role.ASSISTANT, said.content()));
            }
        }
        messages.add(new ModelMessage(ModelMessage.Role.USER, question));
        RunState state = RunState.start(messages);
        UUID runId = runs.create(agentId, conversationId, question, mode, state, language);
        Frame frame = frame(runId, agent, conversationId, policy, 0, deltas, language);

        List<String> refused = new ArrayList<>(policy.refusedTopics());
        if (agent != null) {
            refused.addAll(agent.refusedTopics());
        }
        String refusedTopic = AgentPolicy.named(question, refused);
        if (refusedTopic != null) {
            announce.intent(runId, agentId, "refused_topic", refusedTopic);
            String refusal = runTexts.refused(language, agent);
            runs.finish(runId, RunStatus.COMPLETED, refusal, List.of(), state, "refused_topic");
            return get(runId);
        }
        String handoffReason = HandoffIntent.reason(question, policy);
        if (handoffReason != null) {
            announce.intent(runId, agentId, "handoff", handoffReason);
            steps.handoff(frame, handoffReason);
            handedOver(frame, state, handoffReason);
            return get(runId);
        }
        announce.intent(runId, agentId, "question", null);
        if (mode == RunMode.EXTRACTIVE) {
            extractive.answer(frame, question, state, agent);
            return get(runId);
        }
        return continueWithModel(frame, state);
    }

    Frame frame(UUID runId, AgentProfile agent, UUID conversationId, AgentPolicy policy, int stepsSoFar, Consumer<String> deltas,
            String language) {
        List<AgentTool> tools = new ArrayList<>();
        for (String name : policy.allowedTools()) {
            catalog.resolve(name).ifPresent(tools::add);
        }
        ToolContext context = new ToolContext(agent == null ? List.of() : agent.spaceIds(), agent == null ? 5 : agent.topK(), null,
                agent == null ? null : agent.personaId());
        return new Frame(runId, agent == null ? null : agent.id(), conversationId, policy, tools, context,
                new AtomicInteger(stepsSoFar), deltas, language);
    }

    /** Resumes a run from its persisted state once its pending calls were approved (arguments possibly edited). */
    AgentRun resumeApproved(UUID runId, List<ToolCall> approvedCalls) {
        AgentRun run = get(runId);
        RunState state = runs.state(runId).orElseThrow(() -> ApiException.notFound("Run"));
        AgentProfile agent = run.agentId() == null ? null : agents.find(run.agentId()).orElse(null);
        AgentPolicy policy = policies.effective(run.agentId());
        Frame frame = frame(runId, agent, run.conversationId(), policy, runs.stepCount(runId), null, language(run));
        int sourcesSoFar = state.sources().stream().mapToInt(ToolSource::n).max().orElse(0);
        frame.context().sourceNumbers().set(sourcesSoFar);
        RunState next = steps.executeApproved(frame, state, approvedCalls);
        if (run.mode() == RunMode.EXTRACTIVE) {
            extractive.finishAfterApproval(frame, next, run.question(), agent);
            return get(runId);
        }
        return continueWithModel(frame, next);
    }

    private AgentRun continueWithModel(Frame frame, RunState state) {
        List<ToolSpec> specs = frame.tools().stream().map(t -> new ToolSpec(t.name(), t.description(), t.parameters())).toList();
        RunState current = state;
        while (true) {
            boolean lastStep = current.modelSteps() >= frame.policy().maxSteps();
            // cost caps (tokens, and the policy's EUR per conversation) are checked before every model call: a spent
            // budget ends the run with a plain statement
            Optional<BudgetExceeded> over = budgets.exceeded(frame.agentId(), frame.conversationId(), frame.runId());
            if (over.isPresent()) {
                runs.finish(frame.runId(), RunStatus.COMPLETED, budgetText(frame.language(), over.get()), List.of(), current,
                        BUDGET_EXCEEDED);
                return get(frame.runId());
            }
            ModelResponse response;
            long start = System.nanoTime();
            try {
                response = callModel(current.messages(), lastStep ? List.of() : specs, frame.deltas());
            } catch (ModelException e) {
                steps.recordModel(frame, ToolOutcome.ERROR, millisSince(start), e.code());
                runs.finish(frame.runId(), RunStatus.FAILED, runTexts.failed(frame.language()), List.of(), current, e.code());
                return get(frame.runId());
            }
            steps.recordModel(frame, ToolOutcome.OK, millisSince(start), null);
            budgets.book(frame.agentId(), frame.conversationId(), frame.runId(), AgentBudgets.usage(response, current.messages()));
            current = new RunState(current.messages(), current.sources(), current.modelSteps() + 1, current.toolSteps(), List.of(), List.of());
            if (response.toolCalls().isEmpty() || lastStep) {
                // a blank answer reads as the agent's own no-answer text (its character's, with the contact)
                String answer = response.text() == null || response.text().isBlank()
                        ? runTexts.noAnswer(frame.language(), frame.agentId() == null ? null : agents.find(frame.agentId()).orElse(null))
                        : response.text();
                runs.finish(frame.runId(), RunStatus.COMPLETED, answer, Citations.cited(answer, current.sources()), current,
                        lastStep && !response.toolCalls().isEmpty() ? "step_limit" : lastStep ? "step_limit" : null);
                return get(frame.runId());
            }
            current.messages().add(ModelMessage.toolCalls(response.text(), response.toolCalls()));
            StepExecutor.TurnResult turn = steps.executeTurn(frame, response.toolCalls(), current);
            current = turn.state();
            if (turn.handoffReason() != null) {
                handedOver(frame, current, turn.handoffReason());
                return get(frame.runId());
            }
            if (!current.pendingCalls().isEmpty()) {
                runs.awaitApproval(frame.runId(), current, runTexts.awaitingApproval(frame.language()));
                approvals.request(frame.runId(), frame.agentId(), current.pendingCalls());
                return get(frame.runId());
            }
        }
    }

    /**
     * The model call under the per-step deadline (the gateway's own timeouts are per provider attempt); streamed
     * when someone reads the text as it comes (a chat conversation).
     */
    private ModelResponse callModel(List<ModelMessage> messages, List<ToolSpec> tools, Consumer<String> deltas) {
        TenantRef tenant = TenantContext.current();
        ModelRequest request = new ModelRequest(messages, null, 0.2, 900, null, "agent", null, tools);
        if (deltas != null) {
            return streamModel(tenant, request, deltas);
        }
        FutureTask<ModelResponse> task = new FutureTask<>(() -> TenantContext.callAs(tenant, () -> models.complete(request)));
        Thread.ofVirtual().name("agent-model").start(task);
        try {
            return task.get(properties.stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ModelException("timeout", "The model did not answer within the step deadline");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("provider_error", "The model call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("cancelled", "The run was cancelled");
        }
    }

    /**
     * The run ends with a person: the reason code is kept as the run's code. A run of a conversation is queued (and
     * announced) by the handoff desk; a bare API run has no conversation to hand over, so only the wish is announced.
     */
    private void handedOver(Frame frame, RunState state, String reason) {
        runs.finish(frame.runId(), RunStatus.HANDED_OVER, runTexts.handedOver(frame.language()), List.of(), state, reason);
        if (frame.conversationId() == null) {
            announce.handoffRequested(frame.runId(), frame.agentId(), null, reason);
        }
    }

    private ModelResponse streamModel(TenantRef tenant, ModelRequest request, Consumer<String> deltas) {
        CompletableFuture<ModelResponse> done = new CompletableFuture<>();
        ModelStream stream = TenantContext.callAs(tenant, () -> models.stream(request, new StreamHandler() {
            @Override
            public void onDelta(String text) {
                deltas.accept(text);
            }

            @Override
            public void onComplete(ModelResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(ModelException error) {
                done.completeExceptionally(error);
            }
        }));
        try {
            return done.get(properties.stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stream.cancel();
            throw new ModelException("timeout", "The model did not answer within the step deadline");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("provider_error", "The model call failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.cancel();
            throw new ModelException("cancelled", "The run was cancelled");
        }
    }

    /** The run-finishing code of a run a spent budget stopped. */
    public static final String BUDGET_EXCEEDED = "budget_exceeded";

    /** What the citizen reads when a cap is spent: a conversation's cap, or one that starts anew tomorrow or next month. */
    public String budgetText(String language, BudgetExceeded over) {
        return texts.get(language, "agent.budget.exceeded." + over.period());
    }

    /** A spent cap before the run starts (API callers get it as a problem), if any. */
    public Optional<BudgetExceeded> budgetExceeded(UUID agentId, UUID conversationId) {
        return budgets.exceeded(agentId, conversationId);
    }

    /**
     * The language of a run's later texts: a chat conversation's current language, else the language the run was asked
     * in (a bare API run's Accept-Language), else German.
     */
    String language(AgentRun run) {
        return run.conversationId() != null ? runTexts.languageOf(run.conversationId()) : runs.language(run.id());
    }

    public AgentRun get(UUID runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("Run"));
    }

    private static String systemPrompt(AgentProfile agent) {
        String base = agent == null || agent.systemPrompt() == null || agent.systemPrompt().isBlank()
                ? "Du bist der digitale Assistent einer deutschen Verwaltung. Antworte freundlich, knapp und korrekt."
                : agent.systemPrompt();
        return base + TOOL_RULES;
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Tool arguments from the model's JSON text; {@code null} if it is not a JSON object. */
    static Map<String, Object> parseArguments(tools.jackson.databind.json.JsonMapper json, String arguments) {
        try {
            Object parsed = json.readValue(arguments == null || arguments.isBlank() ? "{}" : arguments, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                return typed;
            }
            return null;
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    static String handoffName() {
        return HandoffToolFactory.ID;
    }

    static boolean isHandoff(ToolCall call, ToolCallResult result) {
        return HandoffToolFactory.ID.equals(call.name()) && result.ok();
    }
}

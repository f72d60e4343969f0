package de.wattos.agent.internal.run;

import de.wattos.agent.internal.run.AgentRunner.Frame;
import de.wattos.agent.internal.tool.ToolCallResult;
import de.wattos.agent.internal.tool.ToolInvoker;
import de.wattos.agent.internal.tool.ToolOutcome;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.PersonalDataMasking;
import de.wattos.llm.ToolCall;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes the tool calls of one model turn: the policy decides per call (allowed? needs approval?), allowed calls
 * run in parallel, each step is recorded with PII-masked arguments and announced; bad calls (unknown tool, arguments
 * that are no JSON object or miss the schema) become error results the model reads and can correct.
 */
@Service
class StepExecutor {

    private static final int ARGUMENT_RECORD_LIMIT = 2000;

    record TurnResult(RunState state, String handoffReason) {
    }

    private final ToolInvoker invoker;
    private final AgentRuns runs;
    private final PersonalDataMasking pii;
    private final AgentAnnouncements announce;
    private final AgentProperties properties;
    private final JsonMapper json;

    StepExecutor(ToolInvoker invoker, AgentRuns runs, PersonalDataMasking pii, AgentAnnouncements announce,
            AgentProperties properties, JsonMapper json) {
        this.invoker = invoker;
        this.runs = runs;
        this.pii = pii;
        this.announce = announce;
        this.properties = properties;
        this.json = json;
    }

    TurnResult executeTurn(Frame frame, List<ToolCall> calls, RunState state) {
        List<ToolCall> waiting = new ArrayList<>();
        List<ToolCall> now = new ArrayList<>();
        for (ToolCall call : calls) {
            if (frame.policy().allows(call.name()) && frame.policy().needsApproval(call.name()) && frame.tool(call.name()).isPresent()) {
                waiting.add(call);
            } else {
                now.add(call);
            }
        }
        Map<ToolCall, ToolCallResult> results = executeAll(frame, now);
        RunState next = new RunState(state.messages(), state.sources(), state.modelSteps(), state.toolSteps() + now.size(),
                waiting, List.of());
        String handoff = null;
        List<ModelMessage> resultMessages = new ArrayList<>();
        for (ToolCall call : now) {
            ToolCallResult r = results.get(call);
            resultMessages.add(ModelMessage.toolResult(call, r.content()));
            next.sources().addAll(r.sources());
            if (AgentRunner.isHandoff(call, r)) {
                Map<String, Object> args = AgentRunner.parseArguments(json, call.arguments());
                handoff = args == null ? "citizen_request" : String.valueOf(args.getOrDefault("reason", "citizen_request"));
            }
        }
        for (ToolCall call : waiting) {
            record(frame, call, new ToolCallResult(ToolOutcome.AWAITING_APPROVAL, "", List.of(), 0, null));
        }
        if (waiting.isEmpty()) {
            next.messages().addAll(resultMessages);
        } else {
            next.pendingResults().addAll(resultMessages);
        }
        return new TurnResult(next, handoff);
    }

    /** After an approval: the approved calls (arguments possibly edited) run, and all results of the turn join the conversation. */
    RunState executeApproved(Frame frame, RunState state, List<ToolCall> approved) {
        Map<ToolCall, ToolCallResult> results = executeAll(frame, approved);
        RunState next = new RunState(state.messages(), state.sources(), state.modelSteps(), state.toolSteps() + approved.size(),
                List.of(), List.of());
        next.messages().addAll(state.pendingResults());
        for (ToolCall call : approved) {
            ToolCallResult r = results.get(call);
            next.messages().add(ModelMessage.toolResult(call, r.content()));
            next.sources().addAll(r.sources());
        }
        return next;
    }

    private Map<ToolCall, ToolCallResult> executeAll(Frame frame, List<ToolCall> calls) {
        Map<ToolCall, ToolCallResult> results = new LinkedHashMap<>();
        if (calls.size() == 1) {
            results.put(calls.getFirst(), execute(frame, calls.getFirst()));
            return results;
        }
        TenantRef tenant = TenantContext.current();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<ToolCall, Future<ToolCallResult>> futures = new LinkedHashMap<>();
            for (ToolCall call : calls) {
                futures.put(call, pool.submit(() -> TenantContext.callAs(tenant, () -> execute(frame, call))));
            }
            for (var e : futures.entrySet()) {
                try {
                    results.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    results.put(e.getKey(), invoker.failure(ToolOutcome.ERROR, "tool_failed", "The tool failed", System.nanoTime()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    results.put(e.getKey(), invoker.failure(ToolOutcome.ERROR, "cancelled", "The call was cancelled", System.nanoTime()));
                }
            }
        }
        return results;
    }

    ToolCallResult execute(Frame frame, ToolCall call) {
        long start = System.nanoTime();
        ToolCallResult result;
        Optional<AgentTool> tool = frame.tool(call.name());
        if (!frame.policy().allows(call.name())) {
            result = invoker.failure(ToolOutcome.NOT_ALLOWED, "tool_not_allowed",
                    "The tool " + call.name() + " is not available to this assistant", start);
        } else if (tool.isEmpty()) {
            result = invoker.failure(ToolOutcome.UNKNOWN_TOOL, "unknown_tool", "There is no tool named " + call.name(), start);
        } else {
            Map<String, Object> arguments = AgentRunner.parseArguments(json, call.arguments());
            result = arguments == null
                    ? invoker.failure(ToolOutcome.INVALID_ARGUMENTS, "invalid_arguments", "The arguments are not a JSON object", start)
                    : invoker.invoke(tool.get(), arguments, frame.context(), properties.stepTimeout());
        }
        record(frame, call, result);
        return result;
    }

    private void record(Frame frame, ToolCall call, ToolCallResult result) {
        String masked = call.arguments() == null ? null : pii.mask(call.arguments());
        if (masked != null && masked.length() > ARGUMENT_RECORD_LIMIT) {
            masked = masked.substring(0, ARGUMENT_RECORD_LIMIT) + " …";
        }
        runs.addStep(frame.runId(), new RunStep(frame.stepNumbers().incrementAndGet(), RunStep.TOOL, call.name(), masked,
                result.outcome(), result.content() == null ? 0 : result.content().length(), result.latencyMs(), result.errorCode()));
        announce.toolCalled(frame.runId(), frame.agentId(), call.name(), result);
    }

    void recordModel(Frame frame, ToolOutcome outcome, long latencyMs, String errorCode) {
        runs.addStep(frame.runId(), new RunStep(frame.stepNumbers().incrementAndGet(), RunStep.MODEL, null, null, outcome, 0,
                latencyMs, errorCode));
    }

    void handoff(Frame frame, String reason) {
        ToolCall call = new ToolCall("handoff", AgentRunner.handoffName(), "{\"reason\":\"" + reason + "\"}");
        record(frame, call, new ToolCallResult(ToolOutcome.OK, "{\"handoff\":\"requested\"}", List.of(), 0, null));
    }

    /** A deterministic tool call (extractive mode), recorded like the model's. */
    ToolCallResult call(Frame frame, String tool, Map<String, Object> arguments) {
        return execute(frame, new ToolCall("x-" + frame.stepNumbers().get(), tool, json.writeValueAsString(arguments)));
    }
}

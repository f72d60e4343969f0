package de.wattos.agent.internal.tool;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolException;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * AgentRuns one tool call: arguments checked against the tool's schema (errors go back to the model, not to the
 * caller), the call on its own virtual thread under a deadline, failures turned into an error object the model
 * can read. Never throws for a tool's fault.
 */
@Service
public class ToolInvoker {

    private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);

    private final JsonMapper json;

    ToolInvoker(JsonMapper json) {
        this.json = json;
    }

    public ToolCallResult invoke(AgentTool tool, Map<String, Object> arguments, ToolContext context, Duration timeout) {
        long start = System.nanoTime();
        List<String> problems = ArgumentSchema.errors(tool.parameters(), arguments);
        if (!problems.isEmpty()) {
            return failure(ToolOutcome.INVALID_ARGUMENTS, "invalid_arguments",
                    "The arguments do not match the tool's parameters: " + String.join("; ", problems), start);
        }
        TenantRef tenant = TenantContext.current();
        FutureTask<ToolOutput> task = new FutureTask<>(() -> TenantContext.callAs(tenant, () -> tool.invoke(arguments, context)));
        Thread thread = Thread.ofVirtual().name("tool-" + tool.name()).start(task);
        try {
            ToolOutput output = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (output == null || output.content() == null) {
                return failure(ToolOutcome.ERROR, "empty_result", "The tool returned nothing", start);
            }
            return new ToolCallResult(ToolOutcome.OK, output.content(), output.sources(), millisSince(start), null);
        } catch (TimeoutException e) {
            task.cancel(true);
            thread.interrupt();
            return failure(ToolOutcome.TIMEOUT, "timeout", "The tool did not finish within " + timeout.toMillis() + " ms", start);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolException te) {
                // a tool's own deadline (an outside service's timeout) is a timeout as much as ours
                return failure("timeout".equals(te.code()) ? ToolOutcome.TIMEOUT : ToolOutcome.ERROR, te.code(), te.getMessage(), start);
            }
            log.warn("Tool {} failed unexpectedly: {}", tool.name(), e.getCause().getClass().getName());
            return failure(ToolOutcome.ERROR, "tool_failed", "The tool failed", start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return failure(ToolOutcome.ERROR, "cancelled", "The call was cancelled", start);
        }
    }

    public ToolCallResult failure(ToolOutcome outcome, String code, String message, long startNanos) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("message", message);
        return new ToolCallResult(outcome, json.writeValueAsString(error), List.of(), millisSince(startNanos), code);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

package de.wattos.agent.internal.run;

import de.wattos.agent.internal.run.AgentRunner.Frame;
import de.wattos.agent.internal.tool.ToolCallResult;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.character.AgentProfile;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import de.wattos.llm.ModelResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent without a language model: the tools are used deterministically, in a fixed order. {@code service_link}
 * finds the matching service of the catalogue (its link leads the answer), {@code knowledge_search} finds the
 * passages, and the gateway's extractive answerer composes the answer from them. Tools that need approval are not
 * used in this mode (nothing could decide on their arguments).
 */
@Service
class ExtractiveAgent {

    private final StepExecutor steps;
    private final AgentRuns runs;
    private final LanguageModels models;
    private final JsonMapper json;

    ExtractiveAgent(StepExecutor steps, AgentRuns runs, LanguageModels models, JsonMapper json) {
        this.steps = steps;
        this.runs = runs;
        this.models = models;
        this.json = json;
    }

    void answer(Frame frame, String question, RunState state, AgentProfile agent) {
        List<ToolSource> sources = new ArrayList<>();
        String serviceLine = null;
        if (usable(frame, "service_link")) {
            ToolCallResult services = steps.call(frame, "service_link", Map.of("query", clip(question, 300)));
            if (services.ok()) {
                JsonNode top = json.readTree(services.content()).path("services").path(0);
                if (!top.isMissingNode()) {
                    serviceLine = serviceLine(top);
                    sources.addAll(services.sources().subList(0, 1));
                }
            }
        }
        List<Passage> passages = new ArrayList<>();
        if (usable(frame, "knowledge_search")) {
            ToolCallResult found = steps.call(frame, "knowledge_search", Map.of("query", clip(question, 500)));
            if (found.ok()) {
                for (JsonNode r : json.readTree(found.content()).path("results")) {
                    passages.add(new Passage(r.path("n").asInt(), r.path("title").asString(""), null, r.path("text").asString("")));
                }
                sources.addAll(found.sources());
            }
        }
        String text;
        long start = System.nanoTime();
        try {
            ModelResponse response = models.complete(new ModelRequest(state.messages(), null, null, null,
                    new Grounding(question, passages), "agent"));
            steps.recordModel(frame, de.wattos.agent.internal.tool.ToolOutcome.OK, AgentRunner.millisSince(start), null);
            text = response.text();
        } catch (ModelException e) {
            steps.recordModel(frame, de.wattos.agent.internal.tool.ToolOutcome.ERROR, AgentRunner.millisSince(start), e.code());
            runs.finish(frame.runId(), RunStatus.FAILED, Texts.failed(), List.of(), state, e.code());
            return;
        }
        String answer = serviceLine == null ? text : serviceLine + "\n\n" + text;
        runs.finish(frame.runId(), RunStatus.COMPLETED, answer, Citations.cited(answer, sources), state, null);
    }

    void finishAfterApproval(Frame frame, RunState state, String question, AgentProfile agent) {
        answer(frame, question, state, agent);
    }

    private static boolean usable(Frame frame, String tool) {
        return frame.policy().allows(tool) && !frame.policy().needsApproval(tool) && frame.tool(tool).isPresent();
    }

    private static String serviceLine(JsonNode s) {
        StringBuilder line = new StringBuilder("Dafür gibt es die Leistung „").append(s.path("name").asString()).append("“");
        if (s.has("url")) {
            line.append(": ").append(s.path("url").asString());
        }
        line.append(" [").append(s.path("n").asInt()).append("]");
        if (s.has("office")) {
            line.append(" Zuständig: ").append(s.path("office").asString()).append('.');
        }
        if (s.has("fees")) {
            line.append(" Gebühren: ").append(s.path("fees").asString()).append('.');
        }
        if (s.has("documents")) {
            List<String> docs = new ArrayList<>();
            s.path("documents").forEach(d -> docs.add(d.asString()));
            line.append(" Mitzubringen: ").append(String.join(", ", docs)).append('.');
        }
        return line.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

package de.wattos.agent.internal.run;

import de.wattos.agent.internal.run.AgentRunner.Frame;
import de.wattos.agent.internal.tool.ToolOutcome;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.character.AgentProfile;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.Passage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent without a language model: the tools are used deterministically, as one planned turn. {@code service_link}
 * finds the matching service of the catalogue (its link leads the answer), {@code knowledge_search} finds the
 * passages, and the gateway's extractive answerer composes the answer from them. A planned tool that the policy puts
 * under approval pauses the run like a model's call would; the answer is composed once a person approved it.
 */
@Service
class ExtractiveAgent {

    static final String SERVICE_LINK = "service_link";
    static final String KNOWLEDGE_SEARCH = "knowledge_search";

    private final StepExecutor steps;
    private final AgentRuns runs;
    private final LanguageModels models;
    private final Approvals approvals;
    private final JsonMapper json;

    private final RunTexts texts;

    ExtractiveAgent(StepExecutor steps, AgentRuns runs, LanguageModels models, Approvals approvals, JsonMapper json, RunTexts texts) {
        this.texts = texts;
        this.steps = steps;
        this.runs = runs;
        this.models = models;
        this.approvals = approvals;
        this.json = json;
    }

    void answer(Frame frame, String question, RunState state, AgentProfile agent) {
        List<ToolCall> planned = new ArrayList<>();
        if (usable(frame, SERVICE_LINK)) {
            planned.add(new ToolCall("x-service", SERVICE_LINK, json.writeValueAsString(Map.of("query", clip(question, 300)))));
        }
        if (usable(frame, KNOWLEDGE_SEARCH)) {
            planned.add(new ToolCall("x-knowledge", KNOWLEDGE_SEARCH, json.writeValueAsString(Map.of("query", clip(question, 500)))));
        }
        RunState next = state;
        if (!planned.isEmpty()) {
            next.messages().add(ModelMessage.toolCalls(null, planned));
            next = steps.executeTurn(frame, planned, next).state();
        }
        if (!next.pendingCalls().isEmpty()) {
            runs.awaitApproval(frame.runId(), next, texts.awaitingApproval(frame.language()));
            approvals.request(frame.runId(), frame.agentId(), next.pendingCalls());
            return;
        }
        compose(frame, question, next, agent);
    }

    /** After an approval the approved calls have run; their results and the others' are in the state's messages. */
    void finishAfterApproval(Frame frame, RunState state, String question, AgentProfile agent) {
        compose(frame, question, state, agent);
    }

    private void compose(Frame frame, String question, RunState state, AgentProfile agent) {
        Set<Integer> used = new HashSet<>();
        String serviceLine = null;
        List<Passage> passages = new ArrayList<>();
        for (ModelMessage m : state.messages()) {
            if (m.role() != ModelMessage.Role.TOOL || m.content() == null || !m.content().startsWith("{")) {
                continue;
            }
            JsonNode result = json.readTree(m.content());
            if (SERVICE_LINK.equals(m.toolName()) && serviceLine == null) {
                JsonNode top = result.path("services").path(0);
                if (!top.isMissingNode()) {
                    serviceLine = serviceLine(top);
                    used.add(top.path("n").asInt());
                }
            } else if (KNOWLEDGE_SEARCH.equals(m.toolName())) {
                for (JsonNode r : result.path("results")) {
                    passages.add(new Passage(r.path("n").asInt(), r.path("title").asString(""), null, r.path("text").asString("")));
                    used.add(r.path("n").asInt());
                }
            }
        }
        List<ToolSource> sources = state.sources().stream().filter(s -> used.contains(s.n())).toList();
        List<ModelMessage> conversation = state.messages().stream()
                .filter(m -> m.role() != ModelMessage.Role.TOOL && m.toolCalls().isEmpty()).toList();
        String text;
        long start = System.nanoTime();
        try {
            ModelResponse response = models.complete(new ModelRequest(conversation, null, null, null,
                    new Grounding(question, passages), "agent"));
            steps.recordModel(frame, ToolOutcome.OK, AgentRunner.millisSince(start), null);
            text = "no_answer".equals(response.finishReason()) || response.text() == null || response.text().isBlank()
                    ? null : response.text();
        } catch (ModelException e) {
            steps.recordModel(frame, ToolOutcome.ERROR, AgentRunner.millisSince(start), e.code());
            runs.finish(frame.runId(), RunStatus.FAILED, texts.failed(frame.language()), List.of(), state, e.code());
            return;
        }
        // nothing in the passages answers: the service link alone if there is one, else the agent's own no-answer
        String answer = text == null ? (serviceLine == null ? texts.noAnswer(frame.language(), agent) : serviceLine)
                : serviceLine == null ? text : serviceLine + "\n\n" + text;
        runs.finish(frame.runId(), RunStatus.COMPLETED, answer, Citations.cited(answer, sources), state, null);
    }

    private static boolean usable(Frame frame, String tool) {
        return frame.policy().allows(tool) && frame.tool(tool).isPresent();
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

package de.wattos.agent.internal.routing;

import de.wattos.agent.internal.budget.AgentBudgets;
import de.wattos.character.AgentScope;
import de.wattos.character.Agents;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.PersonalDataMasking;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The orchestrator between a tenant's published agents: each question of a routed conversation goes to the agent
 * whose scope fits it best (persona evidence: topics, typical questions, language level; with a language model, a
 * short routing call decides and the lexical evidence is the fallback). A conversation stays with its agent unless
 * another one fits clearly better, i.e. the topic changed. Every switch is an {@code intent.routed} event.
 */
@Service
public class AgentRouter {

    /** How much more evidence another agent needs before a conversation leaves its agent. */
    static final double SWITCH_MARGIN = 0.3;
    static final double MIN_EVIDENCE = 0.5;
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Who answers: {@code previousAgentId} answered before; {@code switched} when it is another agent now. */
    public record Decision(UUID agentId, String agentName, UUID previousAgentId, boolean switched, String method,
            double score) {
    }

    private final RoutingStore store;
    private final Agents agents;
    private final LanguageModels models;
    private final DomainEvents events;
    private final AgentBudgets budgets;
    private final PersonalDataMasking masking;

    /** A published agent and whether it takes part in routing (the routing page lists them). */
    public record Participant(UUID agentId, String name, String targetGroup, List<String> topics, boolean takesPart) {
    }

    AgentRouter(RoutingStore store, Agents agents, LanguageModels models, DomainEvents events, AgentBudgets budgets,
            PersonalDataMasking masking) {
        this.budgets = budgets;
        this.masking = masking;
        this.store = store;
        this.agents = agents;
        this.models = models;
        this.events = events;
    }

    public RoutingSettings settings() {
        return store.settings();
    }

    public RoutingSettings put(RoutingSettings settings) {
        return store.put(settings);
    }

    /**
     * Routes a conversation's question; empty when the conversation does not take part (routing off, its agent is no
     * routed agent, fewer than two agents to choose from).
     */
    public Optional<Decision> route(UUID conversationId, UUID boundAgentId, String question) {
        if (boundAgentId == null) {
            return Optional.empty();
        }
        List<AgentScope> candidates = candidates();
        if (candidates.size() < 2 || candidates.stream().noneMatch(s -> s.agentId().equals(boundAgentId))) {
            return Optional.empty();
        }
        UUID current = conversationId == null ? boundAgentId : store.currentAgent(conversationId)
                .filter(id -> candidates.stream().anyMatch(s -> s.agentId().equals(id))).orElse(boundAgentId);
        Decision decision = decide(candidates, current, conversationId, question);
        if (conversationId != null) {
            store.route(conversationId, decision.agentId(), decision.method());
            String from = candidates.stream().filter(c -> c.agentId().equals(decision.previousAgentId())).map(AgentScope::name)
                    .findFirst().orElse(null);
            store.record(conversationId, shortened(masking.mask(question)), decision, from);
        }
        announce(conversationId, decision);
        return Optional.of(decision);
    }

    /** The recent decisions of routed conversations, newest first. */
    public List<RoutingDecision> decisions(int offset, int limit) {
        return store.decisions(offset, limit);
    }

    public long countDecisions() {
        return store.countDecisions();
    }

    /** The tenant's published agents, each marked whether it takes part in routing now (none when routing is off). */
    public List<Participant> participants() {
        RoutingSettings settings = store.settings();
        return agents.publishedScopes().stream().map(s -> new Participant(s.agentId(), s.name(), s.targetGroup(),
                s.topics().subList(0, Math.min(8, s.topics().size())),
                settings.enabled() && (settings.agentIds().isEmpty() || settings.agentIds().contains(s.agentId())))).toList();
    }

    private static String shortened(String question) {
        String q = question.strip();
        return q.length() <= 300 ? q : q.substring(0, 299) + "…";
    }

    /** The decision alone (nothing stored, nothing announced): what the console's routing try-out shows. */
    public Optional<Decision> preview(UUID currentAgentId, String question) {
        List<AgentScope> candidates = candidates();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (currentAgentId != null && candidates.stream().anyMatch(s -> s.agentId().equals(currentAgentId))) {
            return Optional.of(decide(candidates, currentAgentId, null, question));
        }
        // no agent yet: the best evidence wins, nothing to stay with
        Map<UUID, Double> scores = ScopeMatcher.scores(question, candidates);
        AgentScope best = candidates.stream().max(Comparator.comparingDouble(s -> scores.get(s.agentId()))).orElseThrow();
        return Optional.of(new Decision(best.agentId(), best.name(), null, false, "lexical",
                Math.round(scores.get(best.agentId()) * 100) / 100.0));
    }

    private List<AgentScope> candidates() {
        RoutingSettings settings = store.settings();
        if (!settings.enabled()) {
            return List.of();
        }
        List<AgentScope> published = agents.publishedScopes();
        return settings.agentIds().isEmpty() ? published
                : published.stream().filter(s -> settings.agentIds().contains(s.agentId())).toList();
    }

    private Decision decide(List<AgentScope> candidates, UUID current, UUID conversationId, String question) {
        AgentScope currentScope = candidates.stream().filter(s -> s.agentId().equals(current)).findFirst().orElseThrow();
        Map<UUID, Double> scores = ScopeMatcher.scores(question, candidates);
        AgentScope chosen = null;
        String method = "lexical";
        // the routing call counts against the current agent's caps (tokens and the policy's EUR per conversation) like its
        // own calls; a spent budget routes lexically
        if (models.modelAvailable() && budgets.exceeded(current, conversationId).isEmpty()) {
            chosen = askModel(candidates, currentScope, conversationId, question);
            method = "model";
        }
        if (chosen == null) {
            method = "lexical";
            AgentScope best = candidates.stream().max(Comparator.comparingDouble(s -> scores.get(s.agentId()))).orElseThrow();
            double bestScore = scores.get(best.agentId());
            chosen = bestScore >= MIN_EVIDENCE && bestScore > scores.get(current) + SWITCH_MARGIN ? best : currentScope;
        }
        return new Decision(chosen.agentId(), chosen.name(), current, !chosen.agentId().equals(current), method,
                Math.round(scores.get(chosen.agentId()) * 100) / 100.0);
    }

    /** The routing call: the numbered agents and the question; the model names a number (anything else: no decision). */
    private AgentScope askModel(List<AgentScope> candidates, AgentScope current, UUID conversationId, String question) {
        StringBuilder prompt = new StringBuilder("""
                Du verteilst Fragen von Bürgerinnen und Bürgern an die passende Assistenz einer Verwaltung. \
                Antworte nur mit der Nummer der Assistenz, die die Frage am besten beantworten kann. Bleib bei der \
                aktuellen Assistenz, wenn das Thema nicht wechselt.
                """);
        for (int i = 0; i < candidates.size(); i++) {
            AgentScope s = candidates.get(i);
            prompt.append('\n').append(i + 1).append(". ").append(s.name());
            if (s.targetGroup() != null) {
                prompt.append(" (").append(s.targetGroup()).append(')');
            }
            if (!s.topics().isEmpty()) {
                prompt.append(" – Themen: ").append(String.join(", ", s.topics().subList(0, Math.min(8, s.topics().size()))));
            }
            prompt.append(" – Sprache: ").append(s.languageLevel());
        }
        prompt.append("\n\nAktuelle Assistenz: ").append(candidates.indexOf(current) + 1);
        try {
            List<ModelMessage> sent = List.of(new ModelMessage(ModelMessage.Role.SYSTEM, prompt.toString()),
                    new ModelMessage(ModelMessage.Role.USER, question));
            ModelResponse response = models.complete(new ModelRequest(sent, null, 0.0, 8, null, "agent-routing"));
            budgets.book(current.agentId(), conversationId, null, AgentBudgets.usage(response, sent));
            Matcher m = NUMBER.matcher(response.text() == null ? "" : response.text());
            if (m.find()) {
                int n = Integer.parseInt(m.group());
                if (n >= 1 && n <= candidates.size()) {
                    return candidates.get(n - 1);
                }
            }
        } catch (ModelException | NumberFormatException e) {
            // the lexical evidence decides when the routing call fails
        }
        return null;
    }

    private void announce(UUID conversationId, Decision d) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("agentId", d.agentId().toString());
        payload.put("fromAgentId", d.previousAgentId().toString());
        payload.put("switched", d.switched());
        payload.put("method", d.method());
        payload.put("score", d.score());
        if (conversationId != null) {
            payload.put("conversationId", conversationId.toString());
        }
        events.publish(DomainEvent.of(EventDomain.INTENT, "routed",
                DomainEvent.Subject.of("conversation", conversationId), payload));
    }
}

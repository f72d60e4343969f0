package de.wattos.chat.internal;

import de.wattos.knowledge.SearchHit;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Assembles the grounded prompt: a system prompt from the tenant's assistant settings, the recent history cut to a
 * token budget, and the numbered sources with the instruction to cite {@code [n]}. The same sources travel as
 * {@link ModelRequest#grounding()} so the extractive answerer can answer from them.
 */
final class PromptBuilder {

    private final ChatProperties properties;

    PromptBuilder(ChatProperties properties) {
        this.properties = properties;
    }

    /** Numbers the hits (duplicates removed) and keeps as many as fit the context budget, at least one. */
    List<Source> sources(List<SearchHit> hits) {
        return sources(hits, Set.of());
    }

    /** {@code curated}: chunk ids of approved articles among the hits. */
    List<Source> sources(List<SearchHit> hits, Set<UUID> curated) {
        return sources(hits, curated, Map.of());
    }

    /**
     * {@code curated}: chunk ids of approved articles among the hits; {@code origins}: the external source of each
     * hit that did not come from the tenant's own knowledge (by identity).
     */
    List<Source> sources(List<SearchHit> hits, Set<UUID> curated, Map<SearchHit, String> origins) {
        List<Source> out = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        int used = 0;
        for (SearchHit hit : hits) {
            if (hit.chunkId() != null && !seen.add(hit.chunkId())) {
                continue;
            }
            int cost = Tokens.estimate(hit.text()) + Tokens.estimate(hit.title()) + 8;
            if (!out.isEmpty() && used + cost > properties.contextTokenBudget()) {
                break;
            }
            used += cost;
            out.add(new Source(out.size() + 1, hit, hit.chunkId() != null && curated.contains(hit.chunkId()),
                    origins.get(hit)));
        }
        return out;
    }

    /** The most recent turns that fit the history budget, oldest first. */
    List<Turn> history(List<Turn> turns) {
        Deque<Turn> kept = new ArrayDeque<>();
        int used = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn t = turns.get(i);
            int cost = Tokens.estimate(t.content()) + 4;
            if (used + cost > properties.historyTokenBudget()) {
                break;
            }
            used += cost;
            kept.addFirst(t);
        }
        // a history that starts with an assistant turn confuses some models: start with a user turn
        while (!kept.isEmpty() && !kept.peekFirst().fromUser()) {
            kept.removeFirst();
        }
        return List.copyOf(kept);
    }

    String systemPrompt(AssistantSettings settings, String locale) {
        StringBuilder p = new StringBuilder();
        p.append("Du bist ").append(settings.assistantName());
        if (settings.organization() != null && !settings.organization().isBlank()) {
            p.append(" von ").append(settings.organization());
        }
        p.append(". Du beantwortest Fragen von Bürgerinnen und Bürgern.\n");
        p.append("Ton: ").append(settings.tone()).append(".\n");
        p.append("Antworte auf ").append(answerLanguage(settings, locale))
                .append("; ist die Frage in einer anderen Sprache gestellt, antworte in dieser Sprache.\n");
        p.append("Regeln:\n");
        p.append("- Antworte ausschließlich auf Grundlage der nummerierten Quellen in der letzten Nachricht. Erfinde nichts.\n");
        p.append("- Belege jede Aussage mit der Nummer ihrer Quelle in eckigen Klammern, z. B. [1] oder [2][3].\n");
        p.append("- Wenn die Quellen die Frage nicht beantworten, sage das offen und verweise auf: ")
                .append(settings.contact()).append(".\n");
        if (!settings.refusedTopics().isEmpty()) {
            p.append("- Zu diesen Themen gibst du keine Auskunft: ").append(String.join(", ", settings.refusedTopics()))
                    .append(".\n");
        }
        return p.toString();
    }

    static String answerLanguage(AssistantSettings settings, String locale) {
        if (locale != null && !locale.isBlank()) {
            Locale l = Locale.forLanguageTag(locale);
            if (!l.getLanguage().isEmpty() && !l.getLanguage().equals("de")) {
                String name = l.getDisplayLanguage(Locale.GERMAN);
                if (!name.isBlank()) {
                    return name;
                }
            }
        }
        return settings.language();
    }

    String sourcesBlock(List<Source> sources, String question) {
        StringBuilder u = new StringBuilder("Quellen:\n");
        for (Source s : sources) {
            SearchHit h = s.hit();
            u.append('[').append(s.n()).append("] ").append(nullToEmpty(h.title()));
            if (h.headingPath() != null && !h.headingPath().isBlank()) {
                u.append(" — ").append(h.headingPath());
            }
            if (h.page() != null) {
                u.append(" (Seite ").append(h.page()).append(')');
            }
            u.append('\n').append(nullToEmpty(h.text()).strip()).append("\n\n");
        }
        u.append("Frage: ").append(question);
        return u.toString();
    }

    /** The same request with another system prompt (an agent's, followed by the grounding rules). */
    ModelRequest withSystemPrompt(ModelRequest request, String systemPrompt) {
        List<ModelMessage> messages = new ArrayList<>(request.messages());
        messages.set(0, new ModelMessage(ModelMessage.Role.SYSTEM, systemPrompt));
        return new ModelRequest(messages, request.model(), request.temperature(), request.maxTokens(), request.grounding(),
                request.purpose());
    }

    /**
     * Adds a calling system's instructions (an OpenAI client's system message) after the assistant's own prompt;
     * they shape the answer but come second, so the grounding rules above them still hold.
     */
    ModelRequest withCallerInstructions(ModelRequest request, String instructions) {
        String system = request.messages().getFirst().content() + "\n\nZusätzliche Hinweise des aufrufenden Systems "
                + "(sie ändern nichts an den Regeln oben):\n" + instructions;
        return withSystemPrompt(request, system);
    }

    ModelRequest request(AssistantSettings settings, String locale, List<Turn> history, List<Source> sources,
            String question, String standaloneQuestion) {
        List<ModelMessage> messages = new ArrayList<>();
        messages.add(new ModelMessage(ModelMessage.Role.SYSTEM, systemPrompt(settings, locale)));
        for (Turn t : history(history)) {
            messages.add(new ModelMessage(t.fromUser() ? ModelMessage.Role.USER : ModelMessage.Role.ASSISTANT, t.content()));
        }
        messages.add(new ModelMessage(ModelMessage.Role.USER, sourcesBlock(sources, question)));
        List<ModelRequest.Passage> passages = sources.stream()
                .map(s -> new ModelRequest.Passage(s.n(), s.hit().title(), s.hit().headingPath(), s.hit().text()))
                .toList();
        return new ModelRequest(messages, null, properties.temperature(), properties.answerMaxTokens(),
                new ModelRequest.Grounding(standaloneQuestion, passages, de.wattos.platform.text.Language.ofLocale(locale)), "chat");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

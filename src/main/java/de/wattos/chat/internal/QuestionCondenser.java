package de.wattos.chat.internal;

import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.platform.text.GermanText;
import de.wattos.platform.text.QuestionFocus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a follow-up question ("Und was kostet das?") into a standalone one for retrieval, but only when it depends
 * on the earlier turn (pronouns, ellipsis, "und …?", no topic of its own, as {@link QuestionFocus} judges); an
 * independent question is searched alone. Rewrites with the language model (purpose {@code condense}) when a real
 * model answers, otherwise carries the topic nouns of the most recent earlier question over.
 */
final class QuestionCondenser {

    private static final Logger log = LoggerFactory.getLogger(QuestionCondenser.class);
    private static final int RECENT_TURNS = 4;
    private static final int CARRIED_NOUNS = 2;

    private final LanguageModels models;
    private final boolean useModel;

    QuestionCondenser(LanguageModels models, boolean useModel) {
        this.models = models;
        this.useModel = useModel;
    }

    record Condensed(String question, String method) {
    }

    Condensed condense(List<Turn> history, String question) {
        List<Turn> recent = recent(history);
        if (recent.stream().noneMatch(Turn::fromUser) || !looksLikeFollowUp(question)) {
            return new Condensed(question, "none");
        }
        if (useModel && models != null) {
            try {
                ModelResponse r = models.complete(condenseRequest(recent, question));
                String text = r.text() == null ? "" : r.text().strip();
                if (!r.extractive() && !text.isEmpty() && text.length() <= question.length() * 4 + 300) {
                    return new Condensed(firstLine(text), "model");
                }
            } catch (ModelException e) {
                log.debug("Condensing with the model failed ({}), using the heuristic", e.code());
            } catch (RuntimeException e) {
                log.warn("Condensing with the model failed, using the heuristic", e);
            }
        }
        return new Condensed(heuristic(recent, question), "heuristic");
    }

    static boolean looksLikeFollowUp(String question) {
        return QuestionFocus.of(question).dependent();
    }

    /**
     * Nouns that name an aspect of a topic rather than the topic: a follow-up usually changes the aspect ("Was kostet
     * der Ausweis?" → "Und wie lange ist er gültig?"), so these are not carried over.
     */
    static final Set<String> ASPECTS = Set.of("gebuhr", "gebuehr", "kost", "kosten", "preis", "frist", "unterlag",
            "unterlagen", "dokument", "dokumente", "oeffnungszeit", "zeit", "voraussetzung", "dauer", "antrag",
            "antraeg", "termin", "adress", "adresse", "ansprechpartner", "zustaendigkeit", "hoeh", "hoehe", "betrag");

    /** The question followed by the topic nouns (at most two, aspects aside) of the most recent earlier question. */
    static String heuristic(List<Turn> recent, String question) {
        QuestionFocus own = QuestionFocus.of(question);
        List<String> carried = new ArrayList<>();
        for (int i = recent.size() - 1; i >= 0 && carried.isEmpty(); i--) {
            Turn t = recent.get(i);
            if (!t.fromUser()) {
                continue;
            }
            QuestionFocus earlier = QuestionFocus.of(t.content());
            List<String> topic = earlier.nounWords().stream().filter(w -> {
                String term = GermanText.term(w);
                return term != null && !ASPECTS.contains(term) && !own.topic().containsKey(term);
            }).toList();
            if (topic.isEmpty()) {
                topic = earlier.topicTerms().stream().filter(term -> !own.topic().containsKey(term) && !ASPECTS.contains(term))
                        .toList();
            }
            carried.addAll(topic.subList(Math.max(0, topic.size() - CARRIED_NOUNS), topic.size()));
        }
        if (carried.isEmpty()) {
            return question;
        }
        return question.strip() + " (" + String.join(" ", carried) + ")";
    }

    private static List<Turn> recent(List<Turn> history) {
        return history.subList(Math.max(0, history.size() - RECENT_TURNS), history.size());
    }

    private static ModelRequest condenseRequest(List<Turn> recent, String question) {
        StringBuilder conversation = new StringBuilder();
        for (Turn t : recent) {
            String content = t.content().length() > 600 ? t.content().substring(0, 600) + " …" : t.content();
            conversation.append(t.fromUser() ? "Nutzer: " : "Assistent: ").append(content.replace('\n', ' ')).append('\n');
        }
        List<ModelMessage> messages = new ArrayList<>();
        messages.add(new ModelMessage(ModelMessage.Role.SYSTEM,
                "Formuliere die letzte Frage des Nutzers so um, dass sie ohne den bisherigen Gesprächsverlauf "
                        + "verständlich ist. Behalte die Sprache der Frage bei. Antworte nur mit der umformulierten Frage."));
        messages.add(new ModelMessage(ModelMessage.Role.USER,
                "Gesprächsverlauf:\n" + conversation + "\nLetzte Frage: " + question));
        return new ModelRequest(messages, null, 0.0, 120, null, "condense");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.strip().replaceAll("^[\"„“]+|[\"“”]+$", "");
    }
}

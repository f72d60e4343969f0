package de.wattos.llm.internal.extractive;

import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.Passage;
import de.wattos.platform.text.Attribute;
import de.wattos.platform.text.GermanText;
import de.wattos.platform.text.Language;
import de.wattos.platform.text.QuestionFocus;
import de.wattos.platform.text.Relevance;
import de.wattos.platform.text.TextUnit;
import de.wattos.platform.text.TextUnits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The built-in answerer used when no model is configured (or the budget is spent). It reads no prompt, only the
 * question and the numbered passages, and answers only when a unit of a passage (a sentence, list item, table row
 * or key–value line) answers the question's focus: the topic covered and the asked attribute (amount, date,
 * source …) present in that same unit, judged by the platform's one {@link Relevance} measure. The answer is that
 * unit, quoted, with its {@code [n]} citation, and "Ja"/"Nein" first when a yes/no question is clearly settled.
 * Units in another language than the conversation's are never quoted. Otherwise it answers {@code no_answer} and
 * the caller says so honestly. It never invents text.
 */
@Component
public class ExtractiveAnswerer {

    public static final String NAME = "extractive";
    /** For callers that show the text as it is; the chat replaces it by its own no-answer with contact and links. */
    public static final String NO_ANSWER = "Dazu habe ich in den vorliegenden Quellen keine Information gefunden.";

    private static final int MAX_UNITS = 2;
    private static final double SECOND_UNIT_SHARE = 0.8;
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(nicht|kein\\w*|abgeschafft|verboten|untersagt|unzulaessig|ausgeschlossen|no|not|never)\\b");
    private static final Pattern RESERVATION = Pattern.compile(
            "\\b(befrei\\w*|steuerfrei|gebuehrenfrei|ausnahme\\w*|jedoch|aber|nur|sofern|soweit|wenn|unless|only|except)\\b");
    private static final Map<String, String[]> YES_NO = Map.of(Language.GERMAN, new String[] {"Ja.", "Nein."},
            Language.ENGLISH, new String[] {"Yes.", "No."});

    public record Answer(String text, String finishReason, List<Integer> cited) {
        public boolean noAnswer() {
            return "no_answer".equals(finishReason);
        }
    }

    private record Candidate(int passage, TextUnit unit, TextUnit previous, Relevance.Judgement judgement, double score) {
    }

    public Answer answer(Grounding grounding) {
        if (grounding == null || grounding.passages().isEmpty() || grounding.question() == null) {
            return noAnswer();
        }
        QuestionFocus focus = QuestionFocus.of(grounding.question());
        if (!focus.hasTopic()) {
            return noAnswer();
        }
        List<Passage> passages = grounding.passages();
        Relevance relevance = Relevance.of(focus, passages.stream().map(p -> context(p) + "\n" + nullToEmpty(p.text())).toList());
        String language = grounding.language();
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            Passage passage = passages.get(p);
            TextUnit previous = null;
            for (TextUnit unit : TextUnits.of(passage.text())) {
                if (unit.text().endsWith("?") || otherLanguage(unit.text(), language)) {
                    previous = null;
                    continue; // a question (FAQ) is no answer; another language is not quoted
                }
                Relevance.Judgement j = relevance.judge(unit, context(passage), previous);
                if (j.answers()) {
                    candidates.add(new Candidate(p, unit, j.withPrevious() ? previous : null, j, score(focus, unit, j, p)));
                }
                previous = unit;
            }
        }
        if (candidates.isEmpty()) {
            return noAnswer();
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> chosen = new ArrayList<>();
        Candidate best = candidates.getFirst();
        chosen.add(best);
        for (Candidate c : candidates.subList(1, candidates.size())) {
            if (chosen.size() == MAX_UNITS || c.score() < best.score() * SECOND_UNIT_SHARE) {
                break;
            }
            // a second unit only for a question asking more than one thing, and only if it adds what is missing
            boolean repeats = chosen.stream().anyMatch(x -> x.unit().quoted().equals(c.unit().quoted()));
            if (!repeats && focus.attributes().size() > 1 && c.judgement().evidenced() > 0
                    && best.judgement().evidenced() < focus.attributes().size()) {
                chosen.add(c);
            }
        }
        StringBuilder text = new StringBuilder();
        if (focus.attribute() == Attribute.YES_NO) {
            String lead = yesNo(best.unit(), context(passages.get(best.passage())), language);
            if (lead != null) {
                text.append(lead).append(' ');
            }
        }
        List<Integer> cited = new ArrayList<>();
        for (Candidate c : chosen) {
            Passage passage = passages.get(c.passage());
            if (!text.isEmpty() && !text.toString().endsWith(" ")) {
                text.append(' ');
            }
            text.append(render(c, passage, relevance)).append(" [").append(passage.n()).append(']');
            if (!cited.contains(passage.n())) {
                cited.add(passage.n());
            }
        }
        return new Answer(text.toString(), "stop", List.copyOf(cited));
    }

    /**
     * Ranks answering units: topic coverage first, then how much of it the unit says itself, a row whose key names
     * the asked attribute, and the retrieval order as the tie-breaker.
     */
    private static double score(QuestionFocus focus, TextUnit unit, Relevance.Judgement j, int passageIndex) {
        String said = unit.keyed() ? unit.value() : unit.text();
        // a number is the strong evidence for "wie hoch", "bis wann", "wie viele" ("innerhalb" or "Tage" are weak)
        boolean number = focus.attributes().stream().anyMatch(Attribute::numeric) && said.matches("(?s).*\\d.*");
        return j.coverage() + 0.3 * j.unitCoverage() + (j.keyNamesAttribute() ? 0.35 : 0) + 0.1 * j.evidenced()
                + (number ? 0.15 : 0) - (focus.ordinalConflict(said) ? 0.4 : 0)
                - (j.withPrevious() ? 0.05 : 0) - 0.01 * passageIndex;
    }

    /** A row or key–value line that does not name its topic is introduced by the heading it stands under. */
    private static String render(Candidate c, Passage passage, Relevance relevance) {
        TextUnit unit = c.unit();
        String quoted = (c.previous() == null ? "" : c.previous().quoted().strip() + " ") + unit.quoted().strip();
        if (!quoted.matches("(?s).*[.!?…:;]$")) {
            quoted = quoted + ".";
        }
        boolean fragment = unit.kind() == TextUnit.Kind.LIST_ITEM && c.previous() == null && !unit.text().contains(": ")
                && !unit.heading().isBlank();
        if (!fragment && (!unit.keyed() || c.judgement().unitCoverage() >= Relevance.MIN_TOPIC)) {
            return quoted;
        }
        if (fragment) {
            return unit.heading().strip() + " – " + quoted;
        }
        String label = label(unit, passage, relevance);
        return label == null ? quoted : label + " – " + quoted;
    }

    private static String label(TextUnit unit, Passage passage, Relevance relevance) {
        List<String> options = new ArrayList<>();
        options.add(unit.heading());
        String path = nullToEmpty(passage.headingPath());
        String[] parts = path.split("\\s*>\\s*");
        for (int i = parts.length - 1; i >= 0; i--) {
            options.add(parts[i]);
        }
        options.add(nullToEmpty(passage.title()).replaceFirst("\\s+[-–|]\\s+.*$", ""));
        for (String option : options) {
            if (option != null && !option.isBlank() && relevance.coverage(option) > 0) {
                return option.strip();
            }
        }
        return null;
    }

    /** "Ja"/"Nein" only when the unit settles it: a plain statement is a yes, a plain negation a no, reservations neither. */
    private static String yesNo(TextUnit unit, String context, String language) {
        String folded = GermanText.fold(unit.quoted());
        String[] words = YES_NO.getOrDefault(language == null ? Language.GERMAN : language, YES_NO.get(Language.GERMAN));
        if (folded.matches("^\\W*(ja|yes)\\b.*")) {
            return null; // the source says it itself
        }
        if (RESERVATION.matcher(folded).find() || RESERVATION.matcher(GermanText.fold(unit.heading() + " " + context)).find()) {
            return null; // an exemption or a condition: neither a plain yes nor a plain no
        }
        return NEGATION.matcher(folded).find() ? words[1] : words[0];
    }

    private static boolean otherLanguage(String text, String language) {
        if (language == null) {
            return false;
        }
        String detected = Language.detect(text);
        return detected != null && !detected.equals(language);
    }

    private static String context(Passage p) {
        return nullToEmpty(p.title()) + "\n" + nullToEmpty(p.headingPath());
    }

    private static Answer noAnswer() {
        return new Answer(NO_ANSWER, "no_answer", List.of());
    }

    /** Sentences of running text (kept here for callers that split text the way answers quote it). */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (TextUnit u : TextUnits.of(text)) {
            out.add(u.quoted());
        }
        return out;
    }

    /** Word-sized deltas (each word with its following whitespace), as a model would stream them. */
    public static List<String> deltas(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+\\s*").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

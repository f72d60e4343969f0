package de.wattos.platform.text;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one relevance measure: how much of a question's focus a text answers. Topic coverage is the weighted share
 * of the question's topic terms the text (with its title and heading path) mentions, compounds and their parts
 * included; terms that every candidate passage shares weigh less than the rare ones that tell passages apart. A text
 * <em>answers</em> the question only when it covers the topic and holds the asked attribute (an amount for
 * "wie hoch", a source for "woher" …) in the same unit. The relevance gate, the extractive answerer and the
 * follow-up condenser all judge with this class.
 */
public final class Relevance {

    private static final Pattern POINTER = Pattern.compile(
            "\\W*(weitere|mehr|naehere|zusaetzliche) (informationen|infos|hinweise|details)\\b|\\W*(siehe|vgl)\\b"
                    + "|\\W*(more|further) (information|details)\\b|\\W*see\\b"
                    + "|\\W*(\\p{L}+ ){0,2}(daten|informationen|infos|details|angaben) (sind|finden sie|gibt es) (hier|unter|auf)\\b");

    /** Topic share a text must cover to count as being about the question. */
    public static final double MIN_TOPIC = 0.6;

    private final QuestionFocus focus;
    private final Map<String, Double> weights;
    private final double total;

    private Relevance(QuestionFocus focus, Map<String, Double> weights) {
        this.focus = focus;
        this.weights = weights;
        this.total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A measure for the question over these candidate texts (their spread sets the term weights). */
    public static Relevance of(QuestionFocus focus, List<String> candidates) {
        Map<String, Double> weights = new HashMap<>();
        List<Set<String>> termSets = candidates.stream().map(c -> (Set<String>) new HashSet<>(GermanText.terms(c))).toList();
        int n = termSets.size();
        for (var e : focus.topic().entrySet()) {
            double factor = 1.0;
            if (n >= 3) {
                int df = 0;
                for (Set<String> terms : termSets) {
                    df += GermanText.bestMatch(e.getKey(), terms) >= 0.7 ? 1 : 0;
                }
                // rarer terms weigh more, within bounds: a topic word that every passage shares (retrieval found
                // them by it) still counts, and a word that no passage has cannot outweigh the rest alone
                factor = Math.clamp(Math.log(1 + (n - df + 0.5) / (df + 0.5)), 0.5, e.getValue() >= QuestionFocus.NOUN ? 1.5 : 1.0);
            }
            weights.put(e.getKey(), e.getValue() * factor);
        }
        return new Relevance(focus, weights);
    }

    public QuestionFocus focus() {
        return focus;
    }

    /** Weighted share (0..1) of the topic that the text mentions; 0 for a question without topic. */
    public double coverage(String text) {
        return coverage(new HashSet<>(GermanText.terms(text)));
    }

    public double coverage(Collection<String> terms) {
        if (total <= 0) {
            return 0;
        }
        double hit = 0;
        for (var e : weights.entrySet()) {
            hit += e.getValue() * GermanText.bestMatch(e.getKey(), terms);
        }
        return hit / total;
    }

    /**
     * How a unit in its context (title, heading path, heading line) answers the question. {@code withPrevious}: the
     * unit only answers together with the sentence before it, which names the topic ("Den Parkausweis beantragen
     * Sie im Bürgerbüro. Die Gebühr beträgt 30 Euro.").
     */
    public record Judgement(double coverage, double unitCoverage, int evidenced, boolean keyNamesAttribute,
            boolean answers, boolean withPrevious) {
    }

    public Judgement judge(TextUnit unit, String context) {
        return judge(unit, context, null);
    }

    /** {@code previous}: the sentence before the unit in the same paragraph, or null. */
    public Judgement judge(TextUnit unit, String context, TextUnit previous) {
        Set<String> unitTerms = new HashSet<>(GermanText.terms(unit.text()));
        Set<String> all = new HashSet<>(unitTerms);
        all.addAll(GermanText.terms(context + " " + unit.heading()));
        double unitCoverage = coverage(unitTerms);
        boolean withPrevious = false;
        if (unitCoverage == 0 && previous != null && !unit.keyed() && !previous.keyed()) {
            Set<String> previousTerms = new HashSet<>(GermanText.terms(previous.text()));
            double previousCoverage = coverage(previousTerms);
            if (previousCoverage > 0) {
                all.addAll(previousTerms);
                unitCoverage = previousCoverage;
                withPrevious = true;
            }
        }
        double coverage = coverage(all);
        int evidenced = 0;
        boolean primaryEvidenced = false;
        Attribute primary = focus.attribute();
        boolean keyNamesAttribute = false;
        boolean needsEvidence = focus.attributes().stream().anyMatch(Attribute::needsEvidence);
        if (unit.keyed()) {
            // a row answers what its key names ("Datenquellen | …" a source); a row keyed for something else
            // ("Einheit | Prozent") answers no other attribute, even if its value looks like one
            keyNamesAttribute = focus.attributes().stream().anyMatch(a -> a.isKey(unit.key()));
            Attribute other = Attribute.ofKey(unit.key());
            for (Attribute a : focus.attributes()) {
                // ... unless the value itself speaks about the topic and the key asks for a kin of the asked thing
                // ("Periodizität | Nächste Lärmkartierung 2029" tells when; "Datenquellen | Wahlen seit 1978" does not)
                boolean valueSpeaks = other == null ? unitCoverage > 0
                        : other.kin(a) && coverage(new HashSet<>(GermanText.terms(unit.value()))) >= MIN_TOPIC;
                if (a.isKey(unit.key()) || valueSpeaks && a.needsEvidence() && a.evidencedBy(unit.value())) {
                    evidenced++;
                    primaryEvidenced |= a == primary;
                }
            }
        } else {
            for (Attribute a : focus.attributes()) {
                if (a.needsEvidence() && a.evidencedBy(unit.text())) {
                    evidenced++;
                    primaryEvidenced |= a == primary;
                }
            }
        }
        // what is asked first is what is asked ("Bis wann muss ich … anmelden?" asks for a date, not a procedure): a
        // unit that only evidences a later cue does not answer. A procedure's evidence is too loose to insist on.
        boolean evidence = primary.needsEvidence() && primary != Attribute.PROCEDURE ? primaryEvidenced
                : !needsEvidence || evidenced > 0;
        // the unit itself must speak about the topic, unless it is a row whose key names what is asked
        // ("Datenquellen | …" under the heading of the indicator asked about)
        boolean speaks = unitCoverage > 0 || keyNamesAttribute;
        // a row keyed for something not asked ("Einheit | Badeseen" for "Welche Badeseen …?") answers nothing
        if (unit.keyed() && !keyNamesAttribute && Attribute.ofKey(unit.key()) != null && evidenced == 0) {
            speaks = false;
        }
        // a pointer ("Weitere Informationen unter …") only says where to look: it answers whom to contact, nothing else
        if (POINTER.matcher(GermanText.fold(unit.text())).lookingAt() && primary != Attribute.CONTACT
                && primary != Attribute.PLACE) {
            speaks = false;
        }
        boolean answers = focus.hasTopic() && coverage >= MIN_TOPIC && evidence && speaks;
        return new Judgement(coverage, unitCoverage, evidenced, keyNamesAttribute, answers, withPrevious && answers);
    }

    /** Whether a whole passage could answer: it covers the topic and holds the asked attribute somewhere. */
    public boolean passageAnswers(String text, String context) {
        TextUnit previous = null;
        for (TextUnit unit : TextUnits.of(text)) {
            if (judge(unit, context, previous).answers()) {
                return true;
            }
            previous = unit;
        }
        return false;
    }
}

package de.wattos.knowledge.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits German compounds into known words (Hundesteuersatzung → hunde + steuer + satzung) with a dictionary
 * that is partly written by us (common words of municipal texts) and partly learned from the indexed corpus.
 * Among all splits into known parts (with linking elements s/es/n/en/e/er/ens), the one with the highest
 * geometric mean of word frequencies wins (Koehn &amp; Knight 2003). No third-party word lists.
 * Words are kept in normalised form (lower case, umlauts folded as {@link GermanNormalizationFilter} does).
 */
public final class Decompounder {

    static final int MIN_COMPOUND = 7;
    static final int MIN_PART = 3;
    static final int MIN_LEARNED = 4;
    static final int MAX_LEARNED = 20;
    private static final int SEED_FREQ = 1000;
    private static final String[] LINKS = {"", "s", "es", "n", "en", "e", "er", "ens"};

    /** Our own seed vocabulary: frequent parts of municipal and administrative compounds. */
    private static final String SEED = """
            hund hunde steuer steuern satzung gebuhr gebuhren amt amter antrag antrage burger burgerin stadt gemeinde
            rat kreis land bund haus hauser wasser abwasser mull abfall tonne strasse strassen weg wege platz park
            schule schulen kind kinder garten kita betreuung pflege heim alter senior senioren jugend familie eltern
            geld zuschuss hilfe beratung stelle buro dienst dienste leistung leistungen ordnung recht gesetz verordnung
            feuer wehr feuerwehr brand schutz friedhof grab graber bestattung ruhe zeit zeiten frist fristen termin
            ausweis pass reise melde meldung wohnung wohn sitz miete bau plan plane flache grund grundstuck gebaude
            gewerbe betrieb handel markt verkehr parken park auto fahrzeug rad bus bahn halte stelle karte ticket
            sport halle hallen bad frei freibad hallenbad kultur musik kunst buch bucherei bibliothek museum theater
            wahl wahlen rats sitzung verwaltung vertrag vertrage formular unterlage unterlagen nachweis bescheid
            erklarung anmeldung abmeldung genehmigung erlaubnis befreiung ermassigung zahlung konto kosten preis
            preise tarif tarife satz satze jahr jahre monat monate woche tag tage nacht energie strom gas heizung
            klima umwelt natur baum baume wald see fluss kanal netz internet online portal digital daten schutz
            personal person personen halter haltung pflicht pflichtig zwinger marke marken kampf tier tiere katze
            katzen ehe paar name namen geburt tod sterbe urkunde urkunden standes register buch gewerbe anzeige
            arbeit arbeits beruf ausbildung schuler lehrer studium sozial hilfe wohngeld rente kranken kasse
            versicherung einkommen vermogen miet kauf verkauf entsorgung sammlung sperr mull bio papier glas wert
            stoff stoffe hof hofe kirche pfarr dorf ort orts teil teile gebiet zone bezirk viertel innen aussen
            stadt mitte nord sud ost west ober unter neu alt gross klein haupt neben voll teil ehren amt
            """;

    private final Map<String, Integer> words = new ConcurrentHashMap<>();
    /** Splits already computed for the current dictionary (cleared when it learns words). */
    private final Map<String, List<String>> splits = new ConcurrentHashMap<>();
    private final Analyzer normalizer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new GermanNormalizationFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, result);
        }
    };

    public Decompounder() {
        for (String w : SEED.split("\\s+")) {
            if (!w.isBlank()) {
                for (String n : normalize(w.strip())) {
                    words.put(n, SEED_FREQ);
                }
            }
        }
    }

    public int size() {
        return words.size();
    }

    /** Adds learned words (already normalised) with their document frequency. */
    public void learn(Map<String, Integer> learned) {
        splits.clear();
        learned.forEach((w, f) -> {
            if (acceptable(w)) {
                words.merge(w, f, (a, b) -> Math.max(a, b) >= SEED_FREQ ? Math.max(a, b) : a + b);
            }
        });
    }

    static boolean acceptable(String w) {
        if (w.length() < MIN_LEARNED || w.length() > MAX_LEARNED) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private List<String> normalize(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = normalizer.tokenStream("v", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The distinct normalised words of a text that may enter the dictionary. */
    public Collection<String> vocabulary(String text) {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (TokenStream ts = normalizer.tokenStream("v", new StringReader(text))) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String w = term.toString();
                if (acceptable(w) && !GermanText.STOP_WORDS.contains(w)) {
                    out.add(w);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Parts of a normalised token, or an empty list if it is not a compound of known words. */
    public List<String> split(String token) {
        if (token.length() < MIN_COMPOUND) {
            return List.of();
        }
        List<String> cached = splits.get(token);
        if (cached != null) {
            return cached;
        }
        Candidate best = best(token, new java.util.HashMap<>(), 0);
        List<String> result = best == null || best.parts.size() < 2 ? List.of() : List.copyOf(best.parts);
        if (splits.size() > 200_000) {
            splits.clear();
        }
        splits.put(token, result);
        return result;
    }

    private record Candidate(List<String> parts, double logFreqSum) {
        double score() {
            return logFreqSum / parts.size();
        }
    }

    private Candidate best(String s, Map<String, Candidate> memo, int depth) {
        if (depth > 0 && memo.containsKey(s)) {
            return memo.get(s);
        }
        Candidate best = null;
        Integer whole = words.get(s);
        if (depth > 0 && whole != null && s.length() >= MIN_PART) {
            best = new Candidate(List.of(s), Math.log(whole + 1));
        }
        if (depth < 4) {
            for (int i = MIN_PART; i <= s.length() - MIN_PART; i++) {
                String head = s.substring(0, i);
                Integer f = words.get(head);
                if (f == null) {
                    continue;
                }
                for (String link : LINKS) {
                    if (!s.startsWith(link, i) || s.length() - i - link.length() < MIN_PART) {
                        continue;
                    }
                    Candidate rest = best(s.substring(i + link.length()), memo, depth + 1);
                    if (rest == null) {
                        continue;
                    }
                    List<String> parts = new ArrayList<>(rest.parts.size() + 1);
                    parts.add(head);
                    parts.addAll(rest.parts);
                    Candidate c = new Candidate(parts, Math.log(f + 1) + rest.logFreqSum);
                    if (best == null || better(c, best)) {
                        best = c;
                    }
                }
            }
        }
        if (depth > 0) {
            memo.put(s, best);
        }
        return best;
    }

    private static boolean better(Candidate c, Candidate best) {
        return c.score() > best.score() || (c.score() == best.score() && c.parts.size() < best.parts.size());
    }
}

package de.wattos.knowledge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * German analysis for the index: standard tokenizer, lower case, stop words (Lucene's Snowball list),
 * umlaut/ß normalisation, dictionary decompounding (parts stacked on the compound's position) and light
 * stemming. Plus the extraction of identifiers (§ numbers, Aktenzeichen, phone numbers) for the exact field.
 */
public final class GermanText {

    static final CharArraySet STOP_WORDS = GermanAnalyzer.getDefaultStopSet();
    /** Bump when the analysis changes: the index is then rebuilt from PostgreSQL on start. */
    public static final int VERSION = 3;

    /** Field analysed to whole words only (full weight). */
    public static final String WHOLE_FIELD = "text";
    /** Field analysed to whole words plus compound parts (reduced weight). */
    public static final String PARTS_FIELD = "parts";

    private final Decompounder decompounder;
    private final Analyzer analyzer;

    public GermanText(Decompounder decompounder) {
        this.decompounder = decompounder;
        Analyzer parts = chain(true);
        this.analyzer = new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(parts,
                java.util.Map.of(WHOLE_FIELD, chain(false)));
    }

    private Analyzer chain(boolean decompound) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream result = new LowerCaseFilter(source);
                result = new StopFilter(result, STOP_WORDS);
                result = new GermanNormalizationFilter(result);
                if (decompound) {
                    result = new DecompoundFilter(result, decompounder);
                }
                result = new GermanLightStemFilter(result);
                return new TokenStreamComponents(source, result);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new GermanNormalizationFilter(new LowerCaseFilter(in));
            }
        };
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public Decompounder decompounder() {
        return decompounder;
    }

    /** The distinct analysed terms of a text, compound parts included (queries on the parts field, highlighting). */
    public List<String> terms(String text) {
        return terms(PARTS_FIELD, text);
    }

    /**
     * The analysed words of a text, each as [word, part, part …] (parts only for compounds), in order, distinct.
     */
    public List<List<String>> words(String text) {
        List<List<String>> out = new ArrayList<>();
        Set<List<String>> seen = new java.util.HashSet<>();
        try (TokenStream ts = analyzer.tokenStream(PARTS_FIELD, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            List<String> current = null;
            while (ts.incrementToken()) {
                if (posInc.getPositionIncrement() == 0 && current != null) {
                    if (!current.contains(term.toString())) {
                        current.add(term.toString());
                    }
                } else {
                    if (current != null && seen.add(current)) {
                        out.add(current);
                    }
                    current = new ArrayList<>(List.of(term.toString()));
                }
            }
            if (current != null && seen.add(current)) {
                out.add(current);
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The distinct analysed whole words of a text (queries on the whole-word field). */
    public List<String> wholeTerms(String text) {
        return terms(WHOLE_FIELD, text);
    }

    private List<String> terms(String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(out);
    }

    private static final Pattern PARAGRAPH = Pattern.compile("(§{1,2}|art\\.?|artikel)\\s*(\\d+\\s?[a-z]?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PHONE = Pattern.compile("(?<![\\d])(\\+\\s?49|0)[\\s\\d/()\\-]{5,}\\d");
    private static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\d])[\\p{L}\\d]+(?:[-/.:][\\p{L}\\d]+)+(?![\\p{L}\\d])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d{3,}(?![\\d])");

    private static final Pattern AMOUNT = Pattern.compile("\\d[\\d.,]*(,-|\\.-)?\\s*(€|EUR\\b|Euro\\b)|(€|EUR)\\s*\\d", Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT_QUESTION = Pattern.compile(
            "\\b(wie (hoch|viel|teuer)|was kostet|kosten|kostet|gebühr\\p{L}*|betrag|beträgt|preis\\p{L}*|euro|tarif\\p{L}*)\\b|€",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Marker in the exact field of chunks that state an amount of money. */
    public static final String AMOUNT_MARK = "#betrag";
    /** Prefix in the exact field of identifiers that name the chunk's own section (its heading path). */
    public static final String HEADING_MARK = "h:";

    /** True if a question asks for an amount (wie hoch, was kostet, Gebühr …). */
    public static boolean asksForAmount(String query) {
        return AMOUNT_QUESTION.matcher(query).find();
    }

    /** Identifiers for the exact field: {@code §5a}, {@code art12}, phone digits {@code 08413050}, codes {@code az-12/2024}. */
    public static Set<String> identifiers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = PARAGRAPH.matcher(text);
        while (m.find()) {
            String kind = m.group(1).toLowerCase(Locale.ROOT).startsWith("§") ? "§" : "art";
            out.add(kind + m.group(2).replace(" ", "").toLowerCase(Locale.ROOT));
        }
        m = PHONE.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("\\D", "");
            if (m.group().startsWith("+")) {
                digits = "0" + digits.substring(2);
            }
            if (digits.length() >= 6 && digits.length() <= 16) {
                out.add(digits);
            }
        }
        m = CODE.matcher(text);
        while (m.find()) {
            String code = m.group();
            if (code.chars().anyMatch(Character::isDigit) && code.length() <= 40) {
                out.add(code.toLowerCase(Locale.ROOT));
            }
        }
        m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        if (AMOUNT.matcher(text).find()) {
            out.add(AMOUNT_MARK);
        }
        return out;
    }

    /** Stacks the parts of a compound on its position (the compound itself stays). */
    static final class DecompoundFilter extends TokenFilter {
        private final Decompounder decompounder;
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final ArrayList<String> pending = new ArrayList<>();
        private State state;

        DecompoundFilter(TokenStream input, Decompounder decompounder) {
            super(input);
            this.decompounder = decompounder;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!pending.isEmpty()) {
                restoreState(state);
                term.setEmpty().append(pending.removeFirst());
                posInc.setPositionIncrement(0);
                return true;
            }
            if (!input.incrementToken()) {
                return false;
            }
            if (!keyword.isKeyword() && term.length() >= Decompounder.MIN_COMPOUND) {
                List<String> parts = decompounder.split(term.toString());
                if (!parts.isEmpty()) {
                    pending.addAll(parts);
                    state = captureState();
                }
            }
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            pending.clear();
            state = null;
        }
    }
}

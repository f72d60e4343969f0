package de.wattos.analytics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The content words of a citizen's question, by German analysis (Lucene: German stop words, umlaut
 * normalisation, light stemming). {@link #of} maps each stem to the first surface form seen, so that topics
 * can be shown as words people wrote while questions are grouped by stem ("Gebühren" and "Gebühr" alike).
 */
final class QuestionTerms {

    private static final CharArraySet STOP = stopWords();
    private static final Analyzer STEMS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream s = new LowerCaseFilter(source);
            s = new StopFilter(s, STOP);
            s = new GermanNormalizationFilter(s);
            s = new GermanLightStemFilter(s);
            return new TokenStreamComponents(source, s);
        }
    };
    private static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new StopFilter(new LowerCaseFilter(source), STOP));
        }
    };

    private QuestionTerms() {
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(GermanAnalyzer.getDefaultStopSet(), true);
        // question words and politeness carry no topic
        for (String w : List.of("wie", "was", "wann", "wo", "wer", "warum", "wieso", "weshalb", "welche", "welcher",
                "welches", "wohin", "woher", "kann", "können", "muss", "müssen", "bitte", "danke", "gibt", "ich",
                "mir", "mich", "hallo", "guten", "tag", "brauche", "möchte", "hat", "habe", "ist", "sind", "hoch", "lange",
                "viel", "viele", "geht", "gilt")) {
            set.add(w);
        }
        return set;
    }

    /** Stem to surface word, in order of appearance; only words of at least three letters, no numbers. */
    static Map<String, String> of(String question) {
        List<String> stems = tokens(STEMS, question);
        List<String> words = tokens(WORDS, question);
        Map<String, String> terms = new LinkedHashMap<>();
        // both analyzers drop the same stop words, so the streams line up position by position
        for (int i = 0; i < stems.size() && i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() >= 3 && word.chars().allMatch(Character::isLetter)) {
                terms.putIfAbsent(stems.get(i), word);
            }
        }
        return terms;
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream ts = analyzer.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

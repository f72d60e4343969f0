package de.wattos.knowledge.internal;

import static de.wattos.knowledge.internal.TokenStreamAssert.afterGap;
import static de.wattos.knowledge.internal.TokenStreamAssert.assertAnalyzesTo;
import static de.wattos.knowledge.internal.TokenStreamAssert.assertTokenStreamContents;
import static de.wattos.knowledge.internal.TokenStreamAssert.stacked;
import static de.wattos.knowledge.internal.TokenStreamAssert.terms;
import static de.wattos.knowledge.internal.TokenStreamAssert.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.CharArraySet;
import org.junit.jupiter.api.Test;

/** The German analysis chain and the decompounding filter, token by token (Lucene token-stream style). */
class GermanAnalysisTest {

    private final Decompounder decompounder = new Decompounder();
    private final GermanText german = new GermanText(decompounder);

    @Test
    void wholeWordFieldLowercasesFoldsUmlautsDropsStopWordsAndStems() {
        assertAnalyzesTo(german.analyzer(), GermanText.WHOLE_FIELD, "Die Gebühren der Bürger",
                afterGap("gebuhr", 4, 12, 2), afterGap("burg", 17, 23, 2));
    }

    @Test
    void partsFieldStacksTheCompoundsPartsOnItsPosition() {
        assertAnalyzesTo(german.analyzer(), GermanText.PARTS_FIELD, "Hundesteuer zahlen",
                token("hundesteu", 0, 11), stacked("hund", 0, 11), stacked("steu", 0, 11), token("zahl", 12, 18));
    }

    @Test
    void wordsThatAreNoCompoundOfKnownPartsStayWhole() {
        assertThat(terms(german.analyzer(), GermanText.PARTS_FIELD, "Ingolstadt Donaustrand"))
                .doesNotContain("haus").contains("ingolstadt");
        assertThat(terms(german.analyzer(), GermanText.PARTS_FIELD, "Hund")).containsExactly("hund");
    }

    @Test
    void theWholeWordFieldNeverSplits() {
        assertThat(terms(german.analyzer(), GermanText.WHOLE_FIELD, "Hundesteuer Abwassergebühr"))
                .containsExactly("hundesteu", "abwassergebuhr");
    }

    @Test
    void wordsGroupACompoundWithItsParts() {
        assertThat(german.words("Hundesteuer für den ersten Hund"))
                .containsExactly(List.of("hundesteu", "hund", "steu"), List.of("erst"), List.of("hund"));
    }

    @Test
    void decompoundFilterAloneKeepsOffsetsAndRespectsKeywords() throws Exception {
        Tokenizer source = new WhitespaceTokenizer();
        source.setReader(new StringReader("hundesteuer abwassergebuhr hundesteuer"));
        var keywords = new SetKeywordMarkerFilter(source, new CharArraySet(List.of("abwassergebuhr"), false));
        try (var filter = new GermanText.DecompoundFilter(keywords, decompounder)) {
            assertTokenStreamContents(filter, 38,
                    token("hundesteuer", 0, 11), stacked("hund", 0, 11), stacked("steuer", 0, 11),
                    token("abwassergebuhr", 12, 26),
                    token("hundesteuer", 27, 38), stacked("hund", 27, 38), stacked("steuer", 27, 38));
        }
    }

    @Test
    void decompoundFilterForgetsPendingPartsOnReset() throws Exception {
        Tokenizer source = new WhitespaceTokenizer();
        source.setReader(new StringReader("hundesteuer"));
        try (var filter = new GermanText.DecompoundFilter(source, decompounder)) {
            var term = filter.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            filter.reset();
            assertThat(filter.incrementToken()).isTrue();
            assertThat(term.toString()).isEqualTo("hundesteuer");
            filter.end();
            filter.close();
            source.setReader(new StringReader("gemeinde"));
            assertTokenStreamContents(filter, 8, token("gemeinde", 0, 8));
        }
    }

    @Test
    void decompounderSplitsIntoKnownPartsWithLinkingElements() {
        assertThat(decompounder.split("hundesteuer")).containsExactly("hund", "steuer");
        assertThat(decompounder.split("abwassergebuhr")).containsExactly("abwasser", "gebuhr");
        assertThat(decompounder.split("gemeinderatssitzung")).containsExactly("gemeinde", "rat", "sitzung");
        assertThat(decompounder.split("kurz")).isEmpty();
        assertThat(decompounder.split("ingolstadt")).isEmpty();
    }

    @Test
    void learnedWordsBecomeParts() {
        assertThat(decompounder.split("donauufer")).isEmpty();
        decompounder.learn(Map.of("donau", 50, "ufer", 40));
        assertThat(decompounder.split("donauufer")).containsExactly("donau", "ufer");
        // the light stemmer leaves four-letter words alone
        assertThat(german.words("Donauufer")).containsExactly(List.of("donauuf", "donau", "ufer"));
    }
}

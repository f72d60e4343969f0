package de.wattos.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Token stream assertions in the manner of Lucene's {@code BaseTokenStreamTestCase} (its test framework is not a
 * dependency here): every token's term, offsets and position increment, the end-of-stream state, the
 * reset/close contract, and that a reused stream gives the same tokens again.
 */
final class TokenStreamAssert {

    /** One expected token; {@code posInc} 0 = stacked on the previous token's position. */
    record Token(String term, int start, int end, int posInc) {
    }

    static Token token(String term, int start, int end) {
        return new Token(term, start, end, 1);
    }

    /** A token after a gap (a removed stop word leaves one position empty: {@code posInc} 2). */
    static Token afterGap(String term, int start, int end, int posInc) {
        return new Token(term, start, end, posInc);
    }

    static Token stacked(String term, int start, int end) {
        return new Token(term, start, end, 0);
    }

    private TokenStreamAssert() {
    }

    static void assertAnalyzesTo(Analyzer analyzer, String field, String input, Token... expected) {
        // twice: the analyzer reuses its components, which must come back clean after reset
        for (int round = 0; round < 2; round++) {
            assertThat(read(analyzer, field, input)).as("round %d of %s", round + 1, input).containsExactly(expected);
        }
        assertEndState(analyzer, field, input);
    }

    static void assertTokenStreamContents(TokenStream ts, int finalOffset, Token... expected) throws IOException {
        assertThat(read(ts, finalOffset)).containsExactly(expected);
    }

    /** Terms only, for readability where offsets are covered elsewhere. */
    static List<String> terms(Analyzer analyzer, String field, String input) {
        return read(analyzer, field, input).stream().map(Token::term).toList();
    }

    static List<Token> read(Analyzer analyzer, String field, String input) {
        try (TokenStream ts = analyzer.tokenStream(field, input)) {
            return read(ts, input.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Token> read(TokenStream ts, int finalOffset) throws IOException {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
        PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
        List<Token> tokens = new ArrayList<>();
        ts.reset();
        int lastStart = 0;
        while (ts.incrementToken()) {
            Token t = new Token(term.toString(), offset.startOffset(), offset.endOffset(), posInc.getPositionIncrement());
            assertThat(t.start()).as("offsets of %s go forward", t).isGreaterThanOrEqualTo(lastStart);
            assertThat(t.end()).as("end of %s", t).isGreaterThanOrEqualTo(t.start()).isLessThanOrEqualTo(finalOffset);
            assertThat(t.posInc()).as("position increment of %s", t).isGreaterThanOrEqualTo(tokens.isEmpty() ? 1 : 0);
            lastStart = t.start();
            tokens.add(t);
        }
        assertThat(ts.incrementToken()).as("exhausted stream stays exhausted").isFalse();
        ts.end();
        assertThat(offset.endOffset()).as("final offset").isEqualTo(finalOffset);
        return tokens;
    }

    /** Lucene's contract: consuming without reset fails loudly (the analyzer's tokenizer enforces it). */
    private static void assertEndState(Analyzer analyzer, String field, String input) {
        assertThatThrownBy(() -> {
            try (TokenStream ts = analyzer.tokenStream(field, input)) {
                ts.incrementToken();
            }
        }).isInstanceOf(IllegalStateException.class);
    }
}

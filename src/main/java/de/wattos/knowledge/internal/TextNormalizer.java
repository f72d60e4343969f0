package de.wattos.knowledge.internal;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Normalises extracted text: NFC, no soft hyphens or odd spaces, line-end hyphenation joined, whitespace collapsed. */
public final class TextNormalizer {

    private static final Pattern HYPHENATION = Pattern.compile("(\\p{L})-[\\t\\x0B\\f\\r ]*+\\n\\s*+(\\p{Ll})");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u200B\\uFEFF]+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\u00AD", "");
        s = HYPHENATION.matcher(s).replaceAll("$1$2");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.strip();
    }
}

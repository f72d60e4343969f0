package de.wattos.voice.internal.viseme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps IPA phonemes (as espeak-ng reports them with {@code espeakINITIALIZE_PHONEME_IPA}) to the 15 Oculus visemes
 * that TalkingHead-compatible avatars carry as morph targets ({@code viseme_sil}, {@code viseme_PP} …). German
 * sounds without an English counterpart take the mouth shape closest to them: {@code ç}/{@code ʃ} → CH,
 * {@code x}/{@code ŋ} → kk, the rounded front vowels {@code y}/{@code ʏ} → U and {@code ø}/{@code œ} → O,
 * vocalised r {@code ɐ} → aa. Diphthongs and affricates yield two visemes that share the phoneme's time.
 */
public final class Visemes {

    /** The Oculus viseme set, in the order of the morph-target convention. */
    public static final List<String> ALL = List.of("sil", "PP", "FF", "TH", "DD", "kk", "CH", "SS", "nn", "RR", "aa",
            "E", "I", "O", "U");
    public static final Set<String> SET = Set.copyOf(ALL);

    private static final Map<String, List<String>> CLUSTERS = Map.of(
            "tʃ", List.of("CH"), "dʒ", List.of("CH"), "ts", List.of("SS"), "pf", List.of("FF"));

    private Visemes() {
    }

    /** The visemes of one phoneme in order (consecutive duplicates removed); a pause or silence gives {@code sil}. */
    public static List<String> of(String phoneme) {
        String p = strip(phoneme);
        if (p.isEmpty()) {
            return List.of("sil");
        }
        List<String> cluster = CLUSTERS.get(p);
        if (cluster != null) {
            return cluster;
        }
        List<String> out = new ArrayList<>(2);
        p.codePoints().forEach(cp -> {
            String v = ofSound(cp);
            if (v != null && (out.isEmpty() || !out.getLast().equals(v))) {
                out.add(v);
            }
        });
        return out.isEmpty() ? List.of("sil") : out;
    }

    /** Stress, length, tie bars and diacritics do not change the mouth shape. */
    static String strip(String phoneme) {
        if (phoneme == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(phoneme.length());
        phoneme.codePoints().forEach(cp -> {
            boolean modifier = cp == 'ˈ' || cp == 'ˌ' || cp == 'ː' || cp == 'ˑ' || cp == '\'' || cp == ','
                    || Character.getType(cp) == Character.NON_SPACING_MARK || Character.isWhitespace(cp)
                    || cp == '_' || cp == '-' || cp == '|';
            if (!modifier) {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static String ofSound(int cp) {
        return switch (cp) {
            case 'p', 'b', 'm', 'ɱ' -> "PP";
            case 'f', 'v', 'w', 'ʋ', 'ɸ', 'β' -> "FF";
            case 'θ', 'ð' -> "TH";
            case 't', 'd', 'ɗ', 'ʈ', 'ɖ' -> "DD";
            case 'k', 'g', 'ɡ', 'ŋ', 'x', 'χ', 'q', 'ɣ', 'h', 'ɦ' -> "kk";
            case 'ʃ', 'ʒ', 'ç', 'ʝ', 'ɕ', 'ʑ' -> "CH";
            case 's', 'z' -> "SS";
            case 'n', 'l', 'ɲ', 'ɫ', 'ʎ', 'ɳ' -> "nn";
            case 'r', 'ɾ', 'ʁ', 'ʀ', 'ɹ', 'ɻ' -> "RR";
            case 'a', 'ɑ', 'ɐ', 'æ', 'ʌ', 'ɒ' -> "aa";
            case 'e', 'ɛ', 'ə', 'ɜ', 'ɘ', 'ɚ' -> "E";
            case 'i', 'ɪ', 'j', 'ɨ' -> "I";
            case 'o', 'ɔ', 'ø', 'œ', 'ɵ' -> "O";
            case 'u', 'ʊ', 'y', 'ʏ', 'ʉ', 'ɯ' -> "U";
            case 'ʔ' -> "sil";
            default -> null;
        };
    }

    /** A rough viseme per written letter, for providers that give timings per character but no phonemes. */
    public static String ofLetter(char c) {
        char l = Character.toLowerCase(c);
        return switch (l) {
            case 'ä' -> "E";
            case 'ö' -> "O";
            case 'ü' -> "U";
            case 'ß' -> "SS";
            case 'c' -> "kk";
            case 'y' -> "I";
            case 'q' -> "kk";
            case 'j' -> "I";
            case 'w' -> "FF";
            case 'x' -> "SS";
            default -> Character.isLetter(l) && l < 128 ? ofSound(l) : null;
        };
    }
}

package de.wattos.voice.internal.viseme;

import de.wattos.voice.SpokenText.VisemeTiming;
import de.wattos.voice.SpokenText.WordTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns timed phoneme and word events into the word and viseme tracks clients animate with: consecutive equal
 * visemes merged, starts monotonic, every interval inside {@code [0, durationMs]}, pauses as {@code sil}.
 */
public final class Timeline {

    /** A phoneme starting at {@code ms} on the audio clock. */
    public record Phoneme(long ms, String ipa) {
    }

    /** A word starting at {@code ms}; {@code start}/{@code length} index the spoken text (code units). */
    public record Word(long ms, int start, int length) {
    }

    private Timeline() {
    }

    public static List<VisemeTiming> visemes(List<Phoneme> phonemes, long durationMs) {
        List<VisemeTiming> raw = new ArrayList<>();
        for (int i = 0; i < phonemes.size(); i++) {
            long start = clamp(phonemes.get(i).ms(), durationMs);
            long end = i + 1 < phonemes.size() ? clamp(phonemes.get(i + 1).ms(), durationMs) : durationMs;
            if (end <= start) {
                continue;
            }
            List<String> shapes = Visemes.of(phonemes.get(i).ipa());
            long span = end - start;
            for (int k = 0; k < shapes.size(); k++) {
                long t = start + span * k / shapes.size();
                long u = start + span * (k + 1) / shapes.size();
                raw.add(new VisemeTiming(t, u - t, shapes.get(k)));
            }
        }
        return merge(raw, durationMs);
    }

    /**
     * Visemes from a provider's events: each shape starts at its event and lasts until the next one (the last until
     * the audio ends).
     */
    public static List<VisemeTiming> fromEvents(List<Long> startsMs, List<String> shapes, long durationMs) {
        List<VisemeTiming> raw = new ArrayList<>();
        for (int i = 0; i < startsMs.size(); i++) {
            long start = clamp(startsMs.get(i), durationMs);
            long end = i + 1 < startsMs.size() ? clamp(startsMs.get(i + 1), durationMs) : durationMs;
            if (end > start) {
                raw.add(new VisemeTiming(start, end - start, shapes.get(i)));
            }
        }
        return merge(raw, durationMs);
    }

    /** Merges neighbours of the same shape, closes gaps with silence and keeps everything within the audio. */
    static List<VisemeTiming> merge(List<VisemeTiming> raw, long durationMs) {
        List<VisemeTiming> out = new ArrayList<>();
        long cursor = 0;
        for (VisemeTiming v : raw) {
            long t = Math.max(cursor, clamp(v.t(), durationMs));
            long end = Math.min(durationMs, v.t() + v.d());
            if (end <= t) {
                continue;
            }
            if (t > cursor) {
                append(out, new VisemeTiming(cursor, t - cursor, "sil"));
            }
            append(out, new VisemeTiming(t, end - t, v.v()));
            cursor = end;
        }
        return out;
    }

    private static void append(List<VisemeTiming> out, VisemeTiming v) {
        if (!out.isEmpty()) {
            VisemeTiming last = out.getLast();
            if (last.v().equals(v.v()) && last.t() + last.d() == v.t()) {
                out.set(out.size() - 1, new VisemeTiming(last.t(), last.d() + v.d(), last.v()));
                return;
            }
        }
        out.add(v);
    }

    /**
     * Words end where their last sound ends: at the next word's start, or earlier at the first pause after them.
     */
    public static List<WordTiming> words(List<Word> words, List<Phoneme> phonemes, String text, long durationMs) {
        List<WordTiming> out = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            long start = Math.max(previous, clamp(w.ms(), durationMs));
            long limit = i + 1 < words.size() ? clamp(words.get(i + 1).ms(), durationMs) : durationMs;
            long end = limit;
            boolean spoke = false;
            for (int k = 0; k < phonemes.size(); k++) {
                Phoneme p = phonemes.get(k);
                if (p.ms() < start) {
                    continue;
                }
                if (p.ms() >= limit) {
                    break;
                }
                boolean pause = Visemes.strip(p.ipa()).isEmpty();
                if (pause && spoke) {
                    end = clamp(p.ms(), durationMs);
                    break;
                }
                spoke |= !pause;
            }
            if (end <= start) {
                end = Math.min(durationMs, start + 1);
            }
            if (end <= start) {
                continue;
            }
            out.add(new WordTiming(start, end - start, slice(text, w.start(), w.length())));
            previous = end;
        }
        return out;
    }

    /** Words spread over the audio by their length, for providers that tell nothing about timing. */
    public static List<WordTiming> estimatedWords(String text, long durationMs) {
        String[] tokens = text.strip().split("\\s+");
        long letters = 0;
        for (String t : tokens) {
            letters += t.length() + 1;
        }
        List<WordTiming> out = new ArrayList<>();
        if (letters == 0 || durationMs <= 0 || text.isBlank()) {
            return out;
        }
        long at = 0;
        for (String t : tokens) {
            long d = durationMs * (t.length() + 1) / letters;
            if (d > 0) {
                out.add(new WordTiming(at, d, t));
            }
            at += d;
        }
        return out;
    }

    /** Visemes from characters timed by the provider (ElevenLabs' alignment); spaces and punctuation are silence. */
    public static List<VisemeTiming> fromCharacters(List<String> characters, List<Long> startsMs, List<Long> endsMs,
            long durationMs) {
        List<VisemeTiming> raw = new ArrayList<>();
        for (int i = 0; i < characters.size() && i < startsMs.size() && i < endsMs.size(); i++) {
            String c = characters.get(i);
            String v = c.isEmpty() ? null : Visemes.ofLetter(c.charAt(0));
            raw.add(new VisemeTiming(startsMs.get(i), Math.max(0, endsMs.get(i) - startsMs.get(i)), v == null ? "sil" : v));
        }
        return merge(raw, durationMs);
    }

    /** Visemes from letters spread evenly over the word timings (last resort, marked {@code estimated}). */
    public static List<VisemeTiming> fromWords(List<WordTiming> words, long durationMs) {
        List<VisemeTiming> raw = new ArrayList<>();
        for (WordTiming w : words) {
            String letters = w.w() == null ? "" : w.w();
            int n = Math.max(1, letters.length());
            for (int i = 0; i < letters.length(); i++) {
                String v = Visemes.ofLetter(letters.charAt(i));
                long t = w.t() + w.d() * i / n;
                long u = w.t() + w.d() * (i + 1) / n;
                raw.add(new VisemeTiming(t, u - t, v == null ? "sil" : v));
            }
        }
        return merge(raw, durationMs);
    }

    private static String slice(String text, int start, int length) {
        if (text == null || start < 0 || start >= text.length()) {
            return "";
        }
        return text.substring(start, Math.min(text.length(), start + Math.max(0, length)));
    }

    private static long clamp(long ms, long durationMs) {
        return Math.max(0, Math.min(ms, durationMs));
    }
}

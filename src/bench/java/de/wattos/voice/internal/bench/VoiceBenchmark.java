package de.wattos.voice.internal.bench;

import de.wattos.platform.text.TextUnits;
import de.wattos.voice.SpokenText;
import de.wattos.voice.SpokenText.VisemeTiming;
import de.wattos.voice.internal.espeak.EspeakLibrary;
import de.wattos.voice.internal.espeak.EspeakSpeechFactory;
import de.wattos.voice.internal.espeak.PhonemeEstimate;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import de.wattos.voice.internal.viseme.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./wattos bench voice [runs]}: figures for speech and the avatar.
 * <ul>
 * <li>espeak time to first audio for a 20-word German sentence (p50/p95): the speech endpoint answers with the whole
 * clip, so the first audio byte leaves when synthesis, WAV packing and viseme mapping are done; real-time factor
 * (synthesis time / audio length);</li>
 * <li>viseme alignment: espeak's own visemes against its phoneme events, and the estimate used for providers without
 * timings (OpenAI, Azure REST: espeak's timeline stretched onto the audio) against real phoneme timings at other
 * speaking rates;</li>
 * <li>sizes, gzipped: the chat-only widget (budget 15 KB), the voice module and the lazily loaded avatar frame with
 * three.js;</li>
 * <li>avatar frames per second in headless Chromium, as measured by {@code WidgetVoiceBrowserTest}.</li>
 * </ul>
 */
public final class VoiceBenchmark {

    static final String SENTENCE = "Das Bürgerbüro im Rathaus hat montags bis freitags von acht bis zwölf Uhr "
            + "und donnerstags zusätzlich bis achtzehn Uhr geöffnet.";
    /** An answer of several sentences, as the widget reads aloud: what streaming by sentence is for. */
    static final String ANSWER = "Das Bürgerbüro im Rathaus hat montags bis freitags von acht bis zwölf Uhr geöffnet. "
            + "Donnerstags ist es zusätzlich von vierzehn bis achtzehn Uhr für Sie da. "
            + "Für einen neuen Personalausweis brauchen Sie einen Termin, den Sie online oder telefonisch vereinbaren. "
            + "Bringen Sie bitte Ihren alten Ausweis und ein aktuelles biometrisches Passfoto mit. "
            + "Die Gebühr beträgt siebenunddreißig Euro, für Personen unter vierundzwanzig Jahren zweiundzwanzig Euro.";
    static final String THREE = "META-INF/resources/webjars/three/0.181.1/";

    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        new VoiceBenchmark().run(runs);
    }

    void run(int runs) throws IOException {
        line("voice benchmark %s (%d runs)", Instant.now(), runs);
        line("sentence: %d words: \"%s\"", SENTENCE.split("\\s+").length, SENTENCE);
        String problem = EspeakLibrary.problem();
        if (problem != null) {
            line("espeak-ng: unavailable (%s): speech figures skipped", problem);
        } else {
            speech(runs);
            streamed(runs);
            alignment();
        }
        sizes();
        fps();
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Path file = out.resolve("voice-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.write(file, report);
        System.out.println("figures written to " + file.toAbsolutePath());
    }

    private void speech(int runs) {
        SpeechProvider espeak = new EspeakSpeechFactory().create(new VoiceProviderSettings("espeak", "espeak", null, null,
                null, null, "de", Duration.ofSeconds(30)));
        SpeechCall call = new SpeechCall(SENTENCE, null, "wav", 1.0);
        for (int i = 0; i < 3; i++) {
            espeak.synthesize(call);
        }
        double[] millis = new double[runs];
        double[] factors = new double[runs];
        SpokenText last = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = espeak.synthesize(call);
            millis[i] = (System.nanoTime() - start) / 1e6;
            factors[i] = millis[i] / last.durationMs();
        }
        line("espeak time to first audio (whole clip ready): p50 %.1f ms  p95 %.1f ms  max %.1f ms",
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 100));
        line("espeak real-time factor (synthesis / audio): p50 %.3f  p95 %.3f  (audio %d ms, %d bytes WAV, %d visemes, %d words)",
                percentile(factors, 50), percentile(factors, 95), last.durationMs(), last.audio().length,
                last.visemes().size(), last.words().size());
    }

    /**
     * Time to first audio for a multi-sentence answer: whole-text synthesis (the JSON and audio answers, and what a
     * stream that is only flushed at its end delivers) against the first sentence's line of the NDJSON stream, which
     * leaves as soon as that sentence is synthesised; in process, without HTTP.
     */
    private void streamed(int runs) {
        SpeechProvider espeak = new EspeakSpeechFactory().create(new VoiceProviderSettings("espeak", "espeak", null, null,
                null, null, "de", Duration.ofSeconds(30)));
        List<String> sentences = TextUnits.sentences(ANSWER);
        double[] whole = new double[runs];
        double[] first = new double[runs];
        double[] all = new double[runs];
        long audio = 0;
        for (int i = 0; i < runs + 3; i++) {
            long start = System.nanoTime();
            SpokenText clip = espeak.synthesize(new SpeechCall(ANSWER, null, "wav", 1.0));
            double wholeMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            double firstMs = 0;
            for (int s = 0; s < sentences.size(); s++) {
                espeak.synthesize(new SpeechCall(sentences.get(s), null, "wav", 1.0));
                if (s == 0) {
                    firstMs = (System.nanoTime() - start) / 1e6;
                }
            }
            double allMs = (System.nanoTime() - start) / 1e6;
            if (i >= 3) { // the first rounds warm up
                whole[i - 3] = wholeMs;
                first[i - 3] = firstMs;
                all[i - 3] = allMs;
                audio = clip.durationMs();
            }
        }
        line("answer of %d sentences, %d words, %d ms of audio:", sentences.size(), ANSWER.split("\\s+").length, audio);
        line("  before (whole text synthesised first): time to first audio p50 %.1f ms  p95 %.1f ms",
                percentile(whole, 50), percentile(whole, 95));
        line("  after (NDJSON by sentence): time to first audio p50 %.1f ms  p95 %.1f ms; all sentences p50 %.1f ms  p95 %.1f ms",
                percentile(first, 50), percentile(first, 95), percentile(all, 50), percentile(all, 95));
        line("  a cloud voice adds its round trip per call: by sentence the first audio waits for one call, not for the whole text");
    }

    private void alignment() {
        EspeakLibrary lib = EspeakLibrary.get();
        EspeakLibrary.Rendered natural = lib.render(SENTENCE, "de", 160);
        List<VisemeTiming> own = Timeline.visemes(natural.phonemes(), natural.durationMs());
        double[] onsetError = own.stream().mapToDouble(v -> nearestPhonemeDistance(natural.phonemes(), v.t())).toArray();
        line("espeak visemes vs its phoneme events: onset error mean %.1f ms  p95 %.1f ms  (%d visemes, %d phonemes; "
                + "diphthongs and affricates split a phoneme's time)", mean(onsetError), percentile(onsetError, 95),
                own.size(), natural.phonemes().size());
        for (int wpm : new int[] {130, 190}) {
            // a provider speaking at another pace: the truth is espeak's phoneme timing at that pace, the estimate is
            // the 160 wpm timeline stretched onto the audio length (what PhonemeEstimate does for OpenAI and Azure)
            EspeakLibrary.Rendered spoken = lib.render(SENTENCE, "de", wpm);
            List<VisemeTiming> truth = Timeline.visemes(spoken.phonemes(), spoken.durationMs());
            List<VisemeTiming> estimate = PhonemeEstimate.of(SENTENCE, spoken.durationMs()).visemes();
            int agree = 0;
            int frames = 0;
            for (long t = 0; t < spoken.durationMs(); t += 10, frames++) {
                if (at(truth, t).equals(at(estimate, t))) {
                    agree++;
                }
            }
            String onsets = "";
            if (truth.size() == estimate.size()) {
                double[] d = new double[truth.size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Math.abs(truth.get(i).t() - estimate.get(i).t());
                }
                onsets = String.format(Locale.ROOT, "; onset error mean %.1f ms  p95 %.1f ms", mean(d), percentile(d, 95));
            }
            line("estimated timing vs real phonemes at %d wpm (audio %d ms): same viseme %.1f%% of the time%s",
                    wpm, spoken.durationMs(), 100.0 * agree / frames, onsets);
        }
    }

    private void sizes() throws IOException {
        long widget = gzipped("static/widget.js");
        line("chat-only widget.js: %d bytes gzipped (budget 15360: %s)", widget, widget <= 15 * 1024 ? "within" : "OVER");
        long voice = gzipped("static/widget-voice.js");
        line("widget-voice.js (loaded only with voice or avatar on): %d bytes gzipped", voice);
        long frame = gzipped("static/widget-avatar.js");
        long three = gzipped(THREE + "build/three.module.min.js") + gzipped(THREE + "build/three.core.min.js");
        long loader = gzipped(THREE + "examples/jsm/loaders/GLTFLoader.js")
                + gzipped(THREE + "examples/jsm/utils/BufferGeometryUtils.js");
        line("avatar frame (lazy): driver %d + three.js %d + GLTFLoader %d = %d bytes gzipped", frame, three, loader,
                frame + three + loader);
    }

    private void fps() throws IOException {
        Path measured = Path.of("target", "figures", "widget-avatar-fps.txt");
        Path inStep = Path.of("target", "figures", "widget-avatar-in-step-share.txt");
        if (Files.isReadable(measured)) {
            line("avatar in headless Chromium (SwiftShader WebGL): %s fps while speaking; mouth in step with the timeline in %s of frames (WidgetVoiceBrowserTest, %s)",
                    Files.readString(measured).strip(), Files.isReadable(inStep) ? Files.readString(inStep).strip() : "n/a",
                    Files.getLastModifiedTime(measured));
        } else {
            line("avatar fps: not measured yet (run: mvn -o test -Dtest=WidgetVoiceBrowserTest)");
        }
    }

    private static long gzipped(String resource) throws IOException {
        try (InputStream in = VoiceBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return -1;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out) {
                {
                    def.setLevel(Deflater.BEST_COMPRESSION);
                }
            }) {
                in.transferTo(gz);
            }
            return out.size();
        }
    }

    private static String at(List<VisemeTiming> visemes, long ms) {
        for (VisemeTiming v : visemes) {
            if (ms >= v.t() && ms < v.t() + v.d()) {
                return v.v();
            }
        }
        return "sil";
    }

    private static double nearestPhonemeDistance(List<Timeline.Phoneme> phonemes, long ms) {
        return phonemes.stream().mapToDouble(p -> Math.abs(p.ms() - ms)).min().orElse(0);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.add(s);
        System.out.println(s);
    }
}

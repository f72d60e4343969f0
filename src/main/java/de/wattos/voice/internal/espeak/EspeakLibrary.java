package de.wattos.voice.internal.espeak;

import de.wattos.voice.internal.viseme.Timeline;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * espeak-ng through the JDK's foreign function API: synchronous synthesis into a callback that receives 16-bit
 * samples and {@code espeak_EVENT}s (40 bytes each: type@0, text_position@8, length@12, audio_position ms @16,
 * id@32 — the IPA phoneme for phoneme events). The library keeps global state, so calls are serialised; one German
 * sentence takes a few milliseconds. Loaded once; when {@code libespeak-ng.so.1} is missing, {@link #problem()}
 * says so and nothing else is affected.
 */
public final class EspeakLibrary {

    /** One synthesis: raw little-endian 16-bit mono samples plus timed phonemes and words. */
    public record Rendered(byte[] pcm, int sampleRate, long durationMs, List<Timeline.Phoneme> phonemes,
            List<Timeline.Word> words) {
    }

    private static final String LIBRARY = "libespeak-ng.so.1";
    private static final int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    private static final int PHONEME_EVENTS_IPA = 3;
    private static final int POS_CHARACTER = 1;
    private static final int CHARS_UTF8 = 1;
    private static final int RATE = 1;
    private static final int EVENT_SIZE = 40;
    private static final int EVENT_WORD = 1;
    private static final int EVENT_PHONEME = 7;
    private static final int EVENT_LIST_TERMINATED = 0;
    /** Safety bound on the events scanned per callback (espeak passes a short, terminated list). */
    private static final int MAX_EVENTS_PER_CALLBACK = 4096;

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static volatile EspeakLibrary instance;
    private static volatile String loadProblem;

    private final int sampleRate;
    private final MethodHandle setVoice;
    private final MethodHandle setParameter;
    private final MethodHandle synth;
    /** The collector of the call in progress; only touched while {@link #LOCK} is held. */
    private Collector current;

    private EspeakLibrary(SymbolLookup lib) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle initialize = linker.downcallHandle(lib.find("espeak_Initialize").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle setCallback = linker.downcallHandle(lib.find("espeak_SetSynthCallback").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        setVoice = linker.downcallHandle(lib.find("espeak_SetVoiceByName").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        setParameter = linker.downcallHandle(lib.find("espeak_SetParameter").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        synth = linker.downcallHandle(lib.find("espeak_Synth").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS));
        int rate = (int) initialize.invokeExact(AUDIO_OUTPUT_SYNCHRONOUS, 0, MemorySegment.NULL, PHONEME_EVENTS_IPA);
        if (rate <= 0) {
            throw new IllegalStateException("espeak_Initialize failed (" + rate + "): is espeak-ng-data installed?");
        }
        this.sampleRate = rate;
        MethodHandle target = MethodHandles.lookup().bind(this, "onSynth",
                MethodType.methodType(int.class, MemorySegment.class, int.class, MemorySegment.class));
        MemorySegment stub = linker.upcallStub(target, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS), Arena.global());
        setCallback.invokeExact(stub);
    }

    /** The loaded library, or null when it cannot be loaded (see {@link #problem()}). */
    public static EspeakLibrary get() {
        EspeakLibrary lib = instance;
        if (lib != null || loadProblem != null) {
            return lib;
        }
        LOCK.lock();
        try {
            if (instance == null && loadProblem == null) {
                try {
                    instance = new EspeakLibrary(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
                } catch (IllegalArgumentException e) {
                    loadProblem = "espeak-ng is not installed (" + LIBRARY + " not found); install it with "
                            + "'apt-get install espeak-ng' for offline German speech";
                } catch (Throwable e) {
                    loadProblem = "espeak-ng could not be started: " + e.getMessage();
                }
            }
            return instance;
        } finally {
            LOCK.unlock();
        }
    }

    /** Why espeak-ng is unusable here, or null if it works. */
    public static String problem() {
        get();
        return loadProblem;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Speaks {@code text} with {@code voice} (e.g. {@code de}) at {@code wordsPerMinute}. Returns null when espeak
     * does not know the voice.
     */
    public Rendered render(String text, String voice, int wordsPerMinute) {
        LOCK.lock();
        try (Arena arena = Arena.ofConfined()) {
            if ((int) setVoice.invokeExact(arena.allocateFrom(voice)) != 0) {
                return null;
            }
            int ignored = (int) setParameter.invokeExact(RATE, wordsPerMinute, 0);
            current = new Collector();
            MemorySegment input = arena.allocateFrom(text);
            int status = (int) synth.invokeExact(input, input.byteSize(), 0, POS_CHARACTER, 0, CHARS_UTF8,
                    MemorySegment.NULL, MemorySegment.NULL);
            if (status != 0) {
                throw new IllegalStateException("espeak_Synth failed with " + status);
            }
            byte[] pcm = current.pcm.toByteArray();
            long durationMs = (pcm.length / 2) * 1000L / sampleRate;
            return new Rendered(pcm, sampleRate, durationMs, List.copyOf(current.phonemes), List.copyOf(current.words));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("espeak-ng call failed", e);
        } finally {
            current = null;
            LOCK.unlock();
        }
    }

    /** espeak's synth callback: {@code int cb(short *wav, int numsamples, espeak_EVENT *events)}; 0 = go on. */
    @SuppressWarnings("unused")
    private int onSynth(MemorySegment wav, int samples, MemorySegment events) {
        Collector c = current;
        if (c == null) {
            return 1;
        }
        if (samples > 0 && !wav.equals(MemorySegment.NULL)) {
            c.pcm.write(wav.reinterpret(samples * 2L).toArray(ValueLayout.JAVA_BYTE), 0, samples * 2);
        }
        if (events.equals(MemorySegment.NULL)) {
            return 0;
        }
        MemorySegment list = events.reinterpret((long) EVENT_SIZE * MAX_EVENTS_PER_CALLBACK);
        for (int i = 0; i < MAX_EVENTS_PER_CALLBACK; i++) {
            long at = (long) EVENT_SIZE * i;
            int type = list.get(ValueLayout.JAVA_INT, at);
            if (type == EVENT_LIST_TERMINATED) {
                break;
            }
            int textPosition = list.get(ValueLayout.JAVA_INT, at + 8);
            int length = list.get(ValueLayout.JAVA_INT, at + 12);
            long audioMs = list.get(ValueLayout.JAVA_INT, at + 16);
            if (type == EVENT_PHONEME) {
                c.phonemes.add(new Timeline.Phoneme(audioMs, phoneme(list, at + 32)));
            } else if (type == EVENT_WORD) {
                c.words.add(new Timeline.Word(audioMs, textPosition - 1, length));
            }
        }
        return 0;
    }

    private static String phoneme(MemorySegment list, long at) {
        byte[] id = new byte[8];
        MemorySegment.copy(list, ValueLayout.JAVA_BYTE, at, id, 0, 8);
        int n = 0;
        while (n < 8 && id[n] != 0) {
            n++;
        }
        return new String(id, 0, n, StandardCharsets.UTF_8);
    }

    private static final class Collector {
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream(1 << 16);
        final List<Timeline.Phoneme> phonemes = new ArrayList<>();
        final List<Timeline.Word> words = new ArrayList<>();
    }
}

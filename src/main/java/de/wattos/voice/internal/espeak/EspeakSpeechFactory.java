package de.wattos.voice.internal.espeak;

import de.wattos.voice.SpokenText;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import de.wattos.voice.internal.viseme.Timeline;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** {@code espeak}: the offline default, German unless a voice is named; visemes from espeak's own phoneme events. */
@Component
public class EspeakSpeechFactory implements SpeechProviderFactory {

    /** espeak voice names: language, optional region, optional variant ({@code de}, {@code en-gb}, {@code de+f3}). */
    private static final Pattern VOICE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?(\\+[a-z0-9]{1,12})?");
    private static final int NORMAL_WPM = 160;

    @Override
    public String id() {
        return "espeak";
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public boolean keyOptional() {
        return true;
    }

    @Override
    public SpeechProvider create(VoiceProviderSettings settings) {
        String defaultVoice = settings.voice() == null ? "de" : settings.voice();
        return call -> speak(call, defaultVoice);
    }

    private SpokenText speak(SpeechCall call, String defaultVoice) {
        EspeakLibrary lib = EspeakLibrary.get();
        if (lib == null) {
            throw new VoiceProviderException("engine_missing", EspeakLibrary.problem());
        }
        String format = call.format() == null ? "wav" : call.format();
        if (!format.equals("wav") && !format.equals("pcm")) {
            throw new VoiceProviderException("unsupported_format", "espeak produces wav or pcm, not " + format);
        }
        String voice = call.voice() == null ? defaultVoice : call.voice();
        if (!VOICE.matcher(voice).matches()) {
            throw new VoiceProviderException("unknown_voice", "Not an espeak voice name: " + voice);
        }
        int wpm = (int) Math.round(Math.max(80, Math.min(450, NORMAL_WPM * call.rate())));
        EspeakLibrary.Rendered r = lib.render(call.text(), voice, wpm);
        if (r == null) {
            throw new VoiceProviderException("unknown_voice", "espeak has no voice " + voice);
        }
        byte[] audio = format.equals("wav") ? Wav.wrap(r.pcm(), r.sampleRate()) : r.pcm();
        String contentType = format.equals("wav") ? "audio/wav" : "audio/L16;rate=" + r.sampleRate() + ";channels=1";
        return new SpokenText(audio, contentType, format, r.sampleRate(), r.durationMs(),
                Timeline.words(r.words(), r.phonemes(), call.text(), r.durationMs()),
                Timeline.visemes(r.phonemes(), r.durationMs()), id(), "phonemes");
    }
}

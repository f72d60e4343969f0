package de.wattos.voice.internal;

import de.wattos.platform.ApiException;
import de.wattos.platform.SecretBox;
import de.wattos.platform.UrlGuard;
import de.wattos.platform.text.TextUnits;
import de.wattos.voice.AudioClip;
import de.wattos.voice.SentenceSpeech;
import de.wattos.voice.SpeechRequest;
import de.wattos.voice.SpokenText;
import de.wattos.voice.Transcript;
import de.wattos.voice.Voice;
import de.wattos.voice.VoiceStatus;
import de.wattos.voice.internal.config.StoredVoiceProvider;
import de.wattos.voice.internal.config.VoiceProperties;
import de.wattos.voice.internal.config.VoiceProviders;
import de.wattos.voice.internal.config.VoicePurpose;
import de.wattos.voice.internal.espeak.EspeakLibrary;
import de.wattos.voice.internal.spi.SpeechCall;
import de.wattos.voice.internal.spi.SpeechProvider;
import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import de.wattos.voice.internal.spi.VoiceProviderException;
import de.wattos.voice.internal.spi.VoiceProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Picks the provider (the tenant's named or preferred configuration; for speech espeak when there is none),
 * checks input against the caps, and turns provider failures into problem answers with stable codes.
 */
@Service
class VoiceGateway implements Voice {

    /** Time a stream needs beyond the provider calls (writing, the client reading slowly). */
    static final Duration STREAM_SLACK = Duration.ofSeconds(30);

    static final Set<String> FORMATS = Set.of("wav", "mp3", "pcm", "opus", "aac", "flac");

    private final VoiceProviders providers;
    private final VoiceTypes types;
    private final SecretBox secrets;
    private final UrlGuard urlGuard;
    private final VoiceProperties properties;

    VoiceGateway(VoiceProviders providers, VoiceTypes types, SecretBox secrets, UrlGuard urlGuard,
            VoiceProperties properties) {
        this.providers = providers;
        this.types = types;
        this.secrets = secrets;
        this.urlGuard = urlGuard;
        this.properties = properties;
    }

    /** A checked request bound to the provider that will speak it. */
    private record Prepared(String text, SpeechCall call, SpeechProvider provider, Duration callTimeout, String key) {
        SpokenText speak(String part) {
            try {
                return provider.synthesize(new SpeechCall(part, call.voice(), call.format(), call.rate()));
            } catch (VoiceProviderException e) {
                throw problem(e, key);
            }
        }
    }

    @Override
    public SpokenText speak(SpeechRequest request) {
        Prepared p = prepare(request);
        return p.speak(p.text());
    }

    @Override
    public SentenceSpeech speakBySentence(SpeechRequest request) {
        Prepared p = prepare(request);
        List<String> sentences = new ArrayList<>();
        for (String block : p.text().split("\\n\\s*")) {
            sentences.addAll(TextUnits.sentences(block));
        }
        if (sentences.isEmpty()) {
            sentences.add(p.text()); // no sentence a reader would split ("3 €"): spoken as it is
        }
        List<String> fixed = List.copyOf(sentences);
        return new SentenceSpeech() {
            @Override
            public List<String> sentences() {
                return fixed;
            }

            @Override
            public SpokenText speak(int index) {
                return p.speak(fixed.get(index));
            }

            @Override
            public Duration timeLimit() {
                return p.callTimeout().multipliedBy(fixed.size()).plus(STREAM_SLACK);
            }
        };
    }

    private Prepared prepare(SpeechRequest request) {
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty()) {
            throw ApiException.invalidField("text", "must not be blank");
        }
        if (text.length() > properties.maxTextLength()) {
            throw ApiException.invalidField("text", "at most " + properties.maxTextLength() + " characters");
        }
        String format = request.format() == null || request.format().isBlank() ? "wav" : request.format().strip().toLowerCase();
        if (!FORMATS.contains(format)) {
            throw ApiException.invalidField("format", "must be one of " + FORMATS.stream().sorted().toList());
        }
        double rate = request.rate() == null ? 1.0 : request.rate();
        if (!(rate >= 0.5 && rate <= 2.0)) {
            throw ApiException.invalidField("rate", "must be between 0.5 and 2.0");
        }
        String voice = request.voice() == null || request.voice().isBlank() ? null : request.voice().strip();
        if (voice != null && voice.length() > 100) {
            throw ApiException.invalidField("voice", "at most 100 characters");
        }
        String named = request.provider() == null || request.provider().isBlank() ? null : request.provider().strip();
        // characters name the built-in engine by its package name as well
        boolean builtIn = "espeak".equals(named) || "espeak-ng".equals(named);
        Optional<StoredVoiceProvider> configured = builtIn ? Optional.empty() : providers.pick(VoicePurpose.SPEECH, named);
        if (named != null && !builtIn && configured.isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, "voice_provider_not_found",
                    "No enabled speech provider named '" + named + "'");
        }
        SpeechCall call = new SpeechCall(text, voice, format, rate);
        VoiceProviderSettings settings = configured.isPresent() ? settings(configured.get())
                : new VoiceProviderSettings("espeak", "espeak", null, null, null, null, properties.defaultVoice(), null);
        try {
            SpeechProviderFactory factory = configured.isPresent()
                    ? types.speech(configured.get().type()).orElseThrow(() -> misconfigured(configured.get()))
                    : types.speech("espeak").orElseThrow();
            return new Prepared(text, call, factory.create(settings), settings.timeout(), settings.apiKey());
        } catch (VoiceProviderException e) {
            throw problem(e, settings.apiKey());
        }
    }

    @Override
    public Transcript transcribe(AudioClip clip) {
        if (clip.data() == null || clip.data().length == 0) {
            throw ApiException.invalidField("file", "an audio recording is required");
        }
        if (clip.data().length > properties.maxUploadBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "recording_too_large",
                    "A recording may have at most " + properties.maxUploadBytes() / 1024 / 1024 + " MB");
        }
        if (!AudioContainer.acceptableDeclaredType(clip.contentType())) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_audio",
                    "A recording must be audio (WAV, Ogg, WebM, MP3, MP4/M4A or FLAC), not " + printable(clip.contentType()));
        }
        if (AudioContainer.sniff(clip.data()).isEmpty()) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_audio",
                    "The recording is not in a known audio format (WAV, Ogg, WebM, MP3, MP4/M4A or FLAC)");
        }
        long length = RecordingLength.millis(clip.data());
        if (length > properties.maxRecordingSeconds() * 1000L) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "recording_too_long",
                    "A recording may last at most " + properties.maxRecordingSeconds() + " s (this one: " + length / 1000 + " s)");
        }
        if (clip.language() != null && !clip.language().matches("[a-z]{2}(-[A-Z]{2})?")) {
            throw ApiException.invalidField("language", "must be a language tag such as de or de-DE");
        }
        StoredVoiceProvider p = providers.pick(VoicePurpose.TRANSCRIPTION, null).orElseThrow(() -> new ApiException(
                HttpStatus.CONFLICT, "stt_not_configured", "No speech recognition is configured for this tenant. WattOS "
                + "has no offline German speech recognition; configure an OpenAI-compatible (OpenAI, faster-whisper, "
                + "whisper.cpp, vLLM) or Azure transcription provider."));
        TranscriptionProviderFactory factory = types.transcription(p.type()).orElseThrow(() -> misconfigured(p));
        VoiceProviderSettings settings = settings(p);
        try {
            Transcript t = factory.create(settings).transcribe(clip);
            if (t.durationMs() > properties.maxRecordingSeconds() * 1000L) {
                throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "recording_too_long",
                        "A recording may last at most " + properties.maxRecordingSeconds() + " s");
            }
            return t;
        } catch (VoiceProviderException e) {
            throw problem(e, settings.apiKey());
        }
    }

    @Override
    public VoiceStatus status() {
        String problem = EspeakLibrary.problem();
        String speech = providers.pick(VoicePurpose.SPEECH, null).map(StoredVoiceProvider::name)
                .orElse(problem == null ? "espeak" : null);
        String transcription = providers.pick(VoicePurpose.TRANSCRIPTION, null).map(StoredVoiceProvider::name).orElse(null);
        return new VoiceStatus(problem == null, problem, speech, transcription, types.speechIds(), types.transcriptionIds());
    }

    /** Settings from a stored configuration: key unsealed in memory, base URL through the SSRF guard again. */
    VoiceProviderSettings settings(StoredVoiceProvider p) {
        URI base = null;
        if (p.baseUrl() != null) {
            try {
                base = urlGuard.check(p.baseUrl());
            } catch (UrlGuard.BlockedUrlException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "voice_provider_blocked", e.getMessage());
            }
        }
        return new VoiceProviderSettings(p.name(), p.type(), base,
                p.apiKeySealed() == null ? null : secrets.decrypt(p.apiKeySealed()), p.region(), p.model(), p.voice(),
                Duration.ofSeconds(p.timeoutSeconds()));
    }

    /** A provider failure as the client sees it: the provider's own words with anything key-like taken out. */
    static ApiException problem(VoiceProviderException e, String key) {
        String message = SecretRedaction.redact(e.getMessage(), key);
        return switch (e.code()) {
            case "engine_missing" -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "tts_unavailable", message);
            case "rate_limited" -> new ApiException(HttpStatus.TOO_MANY_REQUESTS, "voice_rate_limited",
                    "The voice provider is rate limiting: " + message, List.of(),
                    e.retryAfter() == null ? Map.of() : Map.of("retryAfterSeconds", Math.max(1, e.retryAfter().toSeconds())));
            case "timeout" -> new ApiException(HttpStatus.GATEWAY_TIMEOUT, "voice_timeout", message);
            case "unsupported_format" -> new ApiException(HttpStatus.BAD_REQUEST, "format_unsupported", message);
            case "unknown_voice" -> new ApiException(HttpStatus.BAD_REQUEST, "voice_unknown", message);
            case "unsupported_language" -> new ApiException(HttpStatus.BAD_REQUEST, "language_unsupported", message);
            // the provider's words about a refused key are where keys get echoed: none of them are passed on
            case "unauthorized" -> new ApiException(HttpStatus.BAD_GATEWAY, "voice_provider_error",
                    "The voice provider refused the configured key (HTTP " + e.status() + ", unauthorized)");
            default -> new ApiException(HttpStatus.BAD_GATEWAY, "voice_provider_error",
                    message + " (" + e.code() + ")");
        };
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static ApiException misconfigured(StoredVoiceProvider p) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "voice_provider_error", "Provider type " + p.type()
                + " of '" + p.name() + "' is not available in this installation");
    }
}

package de.wattos.voice.internal;

import de.wattos.voice.internal.spi.SpeechProviderFactory;
import de.wattos.voice.internal.spi.TranscriptionProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The provider factories this installation offers, by id. */
@Component
public class VoiceTypes {

    private final Map<String, SpeechProviderFactory> speech;
    private final Map<String, TranscriptionProviderFactory> transcription;

    public VoiceTypes(List<SpeechProviderFactory> speech, List<TranscriptionProviderFactory> transcription) {
        this.speech = speech.stream().collect(Collectors.toMap(SpeechProviderFactory::id, Function.identity()));
        this.transcription = transcription.stream()
                .collect(Collectors.toMap(TranscriptionProviderFactory::id, Function.identity()));
    }

    public Optional<SpeechProviderFactory> speech(String id) {
        return Optional.ofNullable(id == null ? null : speech.get(id));
    }

    public Optional<TranscriptionProviderFactory> transcription(String id) {
        return Optional.ofNullable(id == null ? null : transcription.get(id));
    }

    public List<String> speechIds() {
        return speech.keySet().stream().sorted().toList();
    }

    public List<String> transcriptionIds() {
        return transcription.keySet().stream().sorted().toList();
    }
}

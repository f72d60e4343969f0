package de.wattos.voice;

import java.util.List;

/**
 * {@code offlineSpeech}: espeak-ng is usable here; {@code offlineSpeechProblem} says why not (null if it is).
 * {@code speechProvider}/{@code transcriptionProvider}: what the current tenant's requests would use (null = none).
 */
public record VoiceStatus(boolean offlineSpeech, String offlineSpeechProblem, String speechProvider,
        String transcriptionProvider, List<String> speechTypes, List<String> transcriptionTypes) {
}

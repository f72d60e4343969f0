package de.wattos.voice;

/** What was said; {@code durationMs} as far as the provider or the file told (0 if unknown). */
public record Transcript(String text, String language, long durationMs, String provider) {
}

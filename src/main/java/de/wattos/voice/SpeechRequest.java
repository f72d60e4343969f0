package de.wattos.voice;

/**
 * What to say. {@code voice} is provider-specific (espeak: {@code de}, {@code de+f3}; OpenAI: {@code alloy} …);
 * {@code format} is {@code wav} (default) or what the provider offers besides ({@code mp3}, {@code pcm});
 * {@code provider} names a tenant's configured provider, null = its default; {@code rate} 0.5–2.0, null = 1.
 */
public record SpeechRequest(String text, String voice, String format, String provider, Double rate) {

    public SpeechRequest(String text) {
        this(text, null, null, null, null);
    }
}

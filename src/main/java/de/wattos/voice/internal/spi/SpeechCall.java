package de.wattos.voice.internal.spi;

/** The request to one provider: {@code voice} already defaulted, {@code format} {@code wav}/{@code mp3}/{@code pcm}. */
public record SpeechCall(String text, String voice, String format, double rate) {
}

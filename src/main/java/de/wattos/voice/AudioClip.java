package de.wattos.voice;

/** A recording to transcribe, as uploaded ({@code audio/webm}, {@code audio/ogg}, {@code audio/wav}, {@code audio/mpeg} …). */
public record AudioClip(byte[] data, String contentType, String filename, String language) {
}

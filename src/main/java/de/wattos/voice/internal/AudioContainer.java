package de.wattos.voice.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * The container a recording claims to be, recognised by its first bytes: what browsers' MediaRecorder and common
 * recorders produce. Anything else is refused before it reaches a provider, which would only answer with an error
 * of its own (or bill for noise).
 */
enum AudioContainer {
    WAV, OGG, WEBM, MP3, MP4, FLAC;

    static Optional<AudioContainer> sniff(byte[] d) {
        if (d.length >= 12 && startsWith(d, 0, "RIFF") && startsWith(d, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (d.length >= 4 && startsWith(d, 0, "OggS")) {
            return Optional.of(OGG);
        }
        if (d.length >= 4 && (d[0] & 0xff) == 0x1a && (d[1] & 0xff) == 0x45 && (d[2] & 0xff) == 0xdf && (d[3] & 0xff) == 0xa3) {
            return Optional.of(WEBM);
        }
        if (d.length >= 3 && startsWith(d, 0, "ID3") || d.length >= 2 && (d[0] & 0xff) == 0xff && (d[1] & 0xe0) == 0xe0) {
            return Optional.of(MP3);
        }
        if (d.length >= 8 && startsWith(d, 4, "ftyp")) {
            return Optional.of(MP4);
        }
        if (d.length >= 4 && startsWith(d, 0, "fLaC")) {
            return Optional.of(FLAC);
        }
        return Optional.empty();
    }

    /** Declared types a recording may come with: audio of any kind, the video containers browsers record audio in. */
    static boolean acceptableDeclaredType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT).strip();
        return t.startsWith("audio/") || t.startsWith("video/webm") || t.startsWith("video/ogg") || t.startsWith("video/mp4")
                || t.startsWith("application/octet-stream") || t.startsWith("application/ogg");
    }

    private static boolean startsWith(byte[] d, int offset, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (d[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

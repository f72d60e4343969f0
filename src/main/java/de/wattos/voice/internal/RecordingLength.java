package de.wattos.voice.internal;

import de.wattos.voice.internal.espeak.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The length of a recording where its container states it without decoding: WAV (data size / byte rate) and Ogg
 * (granule position of the last page; Opus counts at 48 kHz). WebM from browsers' MediaRecorder carries no
 * duration, so for it only the size cap applies. Returns -1 when unknown.
 */
final class RecordingLength {

    private RecordingLength() {
    }

    static long millis(byte[] data) {
        if (data.length >= 12 && data[0] == 'R' && data[1] == 'I' && data[2] == 'F' && data[3] == 'F') {
            return Wav.durationMs(data);
        }
        if (data.length >= 27 && data[0] == 'O' && data[1] == 'g' && data[2] == 'g' && data[3] == 'S') {
            for (int i = data.length - 27; i >= 0; i--) {
                if (data[i] == 'O' && data[i + 1] == 'g' && data[i + 2] == 'g' && data[i + 3] == 'S') {
                    long granule = ByteBuffer.wrap(data, i + 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    return granule < 0 ? -1 : granule * 1000 / 48_000;
                }
            }
        }
        return -1;
    }
}

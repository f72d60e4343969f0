package de.wattos.voice.internal.espeak;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** RIFF/WAVE framing of 16-bit mono PCM, and the duration of a WAV file read from its header. */
public final class Wav {

    private Wav() {
    }

    public static byte[] wrap(byte[] pcm, int sampleRate) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /** Milliseconds of audio in a PCM WAV file, or -1 if it is not one this reader understands. */
    public static long durationMs(byte[] wav) {
        if (wav == null || wav.length < 44 || !new String(wav, 0, 4).equals("RIFF") || !new String(wav, 8, 4).equals("WAVE")) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int byteRate = 0;
        while (pos + 8 <= wav.length) {
            String id = new String(wav, pos, 4);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            if (id.equals("fmt ") && pos + 16 <= wav.length) {
                byteRate = b.getInt(pos + 8 + 8);
            } else if (id.equals("data")) {
                long bytes = Math.min(size, wav.length - pos - 8L);
                return byteRate <= 0 ? -1 : bytes * 1000 / byteRate;
            }
            pos += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - pos - 8);
        }
        return -1;
    }

    /** Sample rate of a PCM WAV file, or 0. */
    public static int sampleRate(byte[] wav) {
        if (wav == null || wav.length < 28 || !new String(wav, 0, 4).equals("RIFF")) {
            return 0;
        }
        return ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(24);
    }
}

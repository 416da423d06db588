package org.wakuchat.core.session;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Structure-aware fuzzing of authenticated formats: random bytes almost never get past the
 * structural checks, so the fuzzer's input instead edits a valid message (replace, insert, delete,
 * truncate), which reaches the key agreement, the ratchet and the AEAD.
 */
public final class FuzzEdits {

    private FuzzEdits() {
    }

    public static byte[] edit(byte[] valid, FuzzedDataProvider data) {
        byte[] bytes = valid.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            int at = bytes.length == 0 ? 0 : data.consumeInt(0, bytes.length - 1);
            switch (data.consumeInt(0, 3)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[at] = data.consumeByte();
                    }
                }
                case 1 -> {
                    byte[] inserted = data.consumeBytes(data.consumeInt(1, 16));
                    var out = new ByteArrayOutputStream();
                    out.write(bytes, 0, at);
                    out.writeBytes(inserted);
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                case 2 -> {
                    int end = Math.min(bytes.length, at + data.consumeInt(1, 16));
                    byte[] shorter = new byte[bytes.length - (end - at)];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, end, shorter, at, bytes.length - end);
                    bytes = shorter;
                }
                default -> bytes = Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }
}

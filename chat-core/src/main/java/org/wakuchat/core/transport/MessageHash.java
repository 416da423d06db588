package org.wakuchat.core.transport;

import java.util.Arrays;
import java.util.HexFormat;

/** The deterministic 32-byte message hash of 14/WAKU2-MESSAGE; printed as {@code 0x…} hex. */
public record MessageHash(byte[] bytes) {

    public MessageHash {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a message hash is 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static MessageHash fromHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return new MessageHash(HexFormat.of().parseHex(digits));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

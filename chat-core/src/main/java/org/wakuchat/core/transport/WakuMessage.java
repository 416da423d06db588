package org.wakuchat.core.transport;

import java.util.Arrays;

/**
 * A Waku message (14/WAKU2-MESSAGE). {@code meta} and {@code proof} are empty arrays when absent;
 * {@code timestampNanos} is Unix time in nanoseconds (0 when absent).
 */
public record WakuMessage(byte[] payload, ContentTopic contentTopic, int version, long timestampNanos,
                          byte[] meta, byte[] proof, boolean ephemeral) {

    public WakuMessage {
        payload = payload == null ? new byte[0] : payload.clone();
        meta = meta == null ? new byte[0] : meta.clone();
        proof = proof == null ? new byte[0] : proof.clone();
        if (contentTopic == null) {
            throw new IllegalArgumentException("a Waku message needs a content topic");
        }
        if (meta.length > 64) {
            throw new IllegalArgumentException("meta is at most 64 bytes");
        }
    }

    public static WakuMessage of(byte[] payload, ContentTopic topic, long timestampNanos) {
        return new WakuMessage(payload, topic, 0, timestampNanos, null, null, false);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] meta() {
        return meta.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WakuMessage that
                && Arrays.equals(payload, that.payload) && contentTopic.equals(that.contentTopic)
                && version == that.version && timestampNanos == that.timestampNanos
                && Arrays.equals(meta, that.meta) && Arrays.equals(proof, that.proof) && ephemeral == that.ephemeral;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(payload) + contentTopic.hashCode() + Long.hashCode(timestampNanos);
    }

    @Override
    public String toString() {
        return "WakuMessage[" + contentTopic + ", " + payload.length + " bytes, ts=" + timestampNanos + "]";
    }
}

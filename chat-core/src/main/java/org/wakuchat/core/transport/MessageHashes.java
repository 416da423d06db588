package org.wakuchat.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.wakuchat.core.crypto.Crypto;

/**
 * The deterministic message hash of 14/WAKU2-MESSAGE:
 * {@code sha256(pubsub_topic || payload || content_topic || meta || timestamp)}, topics as UTF-8,
 * timestamp as 8 bytes big-endian (two's complement). Version, proof and ephemeral are not hashed.
 *
 * <p>A timestamp of 0 is hashed as eight zero bytes, as nwaku (the node Waku Chat runs) does.
 * js-waku instead leaves an absent or zero timestamp out of the hash, so for such messages the two
 * disagree; Waku Chat always sets a timestamp, and for every non-zero timestamp they agree.
 */
public final class MessageHashes {

    private MessageHashes() {
    }

    public static MessageHash of(PubsubTopic pubsubTopic, WakuMessage message) {
        byte[] timestamp = ByteBuffer.allocate(Long.BYTES).putLong(message.timestampNanos()).array();
        return new MessageHash(Crypto.sha256(
                pubsubTopic.value().getBytes(StandardCharsets.UTF_8),
                message.payload(),
                message.contentTopic().toString().getBytes(StandardCharsets.UTF_8),
                message.meta(),
                timestamp));
    }
}

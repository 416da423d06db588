package org.wakuchat.core.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.transport.ContentTopic;

/**
 * Where Waku Chat's messages travel. Topics never reveal who talks to whom: a conversation's
 * topic comes from its session secret, and first messages go to an inbox topic that about
 * 1/{@value #INBOX_BUCKETS} of all users share. All topics share the application and version
 * segments, so autosharding puts all of Waku Chat on one shard.
 */
final class Topics {

    static final String APPLICATION = "wakuchat";
    static final String VERSION = "1";
    static final String ENCODING = "proto";
    static final int INBOX_BUCKETS = 64;

    private Topics() {
    }

    static ContentTopic inbox(byte[] identityKey) {
        byte[] hash = Crypto.sha256(label("WakuChat-Inbox-v1"), identityKey);
        return new ContentTopic(APPLICATION, VERSION, "inbox-" + Byte.toUnsignedInt(hash[0]) % INBOX_BUCKETS, ENCODING);
    }

    static ContentTopic conversation(byte[] conversationKey) {
        byte[] tag = Crypto.hkdf(new byte[32], conversationKey, label("WakuChat-Topic-v1"), 8);
        return new ContentTopic(APPLICATION, VERSION, "c-" + HexFormat.of().formatHex(tag), ENCODING);
    }

    /** One conversation per pair of identities, with the same id on both devices. */
    static ConversationId conversationId(byte[] identityKeyA, byte[] identityKeyB) {
        boolean aFirst = Arrays.compareUnsigned(identityKeyA, identityKeyB) <= 0;
        byte[] hash = Crypto.sha256(label("WakuChat-ConversationId-v1"),
                aFirst ? identityKeyA : identityKeyB, aFirst ? identityKeyB : identityKeyA);
        return new ConversationId(HexFormat.of().formatHex(hash, 0, 16));
    }

    private static byte[] label(String label) {
        return label.getBytes(StandardCharsets.UTF_8);
    }
}

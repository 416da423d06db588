package org.wakuchat.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import org.wakuchat.core.sync.proto.SdsMessage;
import org.wakuchat.core.sync.proto.SyncState;
import org.wakuchat.core.transport.MessageHash;

/**
 * SDS messages (decrypted, but written by the peer, who may be hostile) and stored sync states:
 * an SDS message that parses is taken in without any exception; a stored state either restores
 * or fails to parse.
 */
class SdsFuzzTest {

    private static final MessageHash HASH = MessageHash.fromHex("ab".repeat(32));

    @FuzzTest(maxDuration = "30s")
    void parsedSdsMessagesAreTakenInAndStoredStatesRestore(com.code_intelligence.jazzer.api.FuzzedDataProvider data) {
        boolean stored = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        if (stored) {
            storedState(bytes);
            return;
        }
        SdsMessage message;
        try {
            message = SdsMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException documented) {
            return; // the engine drops it as MALFORMED
        }
        SyncChannel channel = SyncChannel.restore(SyncState.getDefaultInstance());
        SyncChannel.Received received = channel.receive(message, HASH, id -> id.startsWith("a"), Instant.EPOCH);
        assertThat(received.acknowledged()).doesNotContainNull();
        assertThat(SyncChannel.restore(channel.snapshot()).snapshot()).isEqualTo(channel.snapshot());
    }

    private static void storedState(byte[] bytes) {
        try {
            SyncChannel channel = SyncChannel.restore(SyncState.parseFrom(bytes));
            channel.missing();
            channel.snapshot();
        } catch (InvalidProtocolBufferException documented) {
            // a damaged state: the engine reports StorageException
        }
    }
}

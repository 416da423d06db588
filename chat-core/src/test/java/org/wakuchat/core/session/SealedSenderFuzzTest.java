package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.wakuchat.core.account.DisplayNames;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.wire.SealedSender;

/**
 * The sealed sender of a session start. Its outer bytes are fuzzed as they arrive, and, sealed
 * under the real key derivation, its content (what only someone with the invite can choose):
 * either a sender with a 32-byte identity key and a valid display name, or {@link SessionException}.
 */
class SealedSenderFuzzTest {

    private static final Parties PARTIES = new Parties(5);
    private static final X25519KeyPair BASE = X25519KeyPair.generate(PARTIES.random);
    private static final byte[][] KEYS = SealedSenderBox.keys(Crypto.dh(BASE.privateKey(), PARTIES.bobPrekey.publicKey()));
    private static final byte[] AD = SealedSenderBox.associatedData(BASE.publicKey(), Parties.PREKEY_ID,
            PARTIES.bobIdentity.publicKey());

    @FuzzTest(maxDuration = "30s")
    void networkBytesAndContentChosenByTheSenderAreReadOrRefused(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            open(data.consumeRemainingAsBytes());
            return;
        }
        boolean padded = data.consumeBoolean();
        byte[] content = data.consumeBoolean() ? data.consumeRemainingAsBytes()
                : SealedSender.newBuilder()
                        .setIdentityKey(com.google.protobuf.ByteString.copyFrom(data.consumeBytes(33)))
                        .setDisplayName(data.consumeRemainingAsString())
                        .build().toByteArray();
        if (padded) {
            content = Padding.padTo(content, SealedSenderBox.sealedLength(content.length));
        }
        open(Crypto.seal(KEYS[0], KEYS[1], AD, content));
    }

    private static void open(byte[] sealed) {
        var opened = SealedSenderBox.tryOpen(PARTIES.bobPrekey, BASE.publicKey(), Parties.PREKEY_ID,
                PARTIES.bobIdentity.publicKey(), sealed);
        if (opened.isEmpty()) {
            return;
        }
        try {
            SealedSender sender = SealedSenderBox.read(opened.get());
            assertThat(sender.getIdentityKey().size()).isEqualTo(32);
            assertThat(DisplayNames.isNormalized(sender.getDisplayName())).isTrue();
            assertThat(opened.get()).hasSize(SealedSenderBox.SEALED_LENGTH);
        } catch (SessionException documented) {
            // refused
        }
    }
}

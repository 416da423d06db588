package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wakuchat.core.invite.Invites.NOW;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wakuchat.core.invite.InviteException.Reason;

/** Version-2 invites: the inviter's cluster id and network hints (docs/invites.md). */
class InviteNetworkCodecTest {

    /** Well-formed libp2p peer ids: secp256k1 ("16Uiu2HA…", as nwaku makes them) with key prefixes 03 and 02, and ed25519. */
    static final String PEER_A = "16Uiu2HAmPLe7Mzm8TsYUubgCAW1aJoeFScxrLj8ppHFivPo97bUZ";
    static final String PEER_B = "16Uiu2HAkv4gRqM4NDfzE2tGHvdA4QjoKGQMBVxPgSULZGFJg2mZk";
    static final String HINT_IP4 = "/ip4/203.0.113.7/tcp/60000/p2p/" + PEER_A;
    static final String HINT_IP4_SAME_PEER = "/ip4/198.51.100.9/tcp/8000/p2p/" + PEER_A;
    static final String HINT_DNS = "/dns4/node-01.example.org/tcp/30303/p2p/" + PEER_B;
    static final String HINT_ED25519 = "/ip4/127.0.0.1/tcp/60001/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    private static InviteData withNetwork(String name, int cluster, List<String> hints) {
        return Invites.data(name).withNetwork(Optional.of(new InviteNetwork(cluster, hints)));
    }

    @Test
    void roundTripKeepsClusterAndHints() throws InviteException {
        for (List<String> hints : List.of(List.<String>of(), List.of(HINT_IP4), List.of(HINT_DNS, HINT_ED25519),
                List.of(HINT_IP4, HINT_IP4_SAME_PEER), List.of("/ip6/2001:db8:0:0:0:0:0:1/tcp/443/p2p/" + PEER_B))) {
            for (int cluster : new int[] {0, 1, 73, 127, 128, 16383, 16384, 65535}) {
                InviteData data = withNetwork("Bob", cluster, hints);
                InviteData read = InviteCodec.decode(InviteCodec.encode(data).link(), NOW);

                assertThat(read).isEqualTo(data);
                assertThat(read.version()).isEqualTo(2);
                assertThat(read.preview().network()).contains(new InviteNetwork(cluster, hints));
                assertThat(read.preKeyId()).isEqualTo(data.preKeyId());
            }
        }
    }

    @Test
    void versionOneInvitesStayReadableAndSayNothingOfTheirNetwork() throws InviteException {
        InviteData v1 = Invites.data("Bob");
        String link = InviteCodec.encode(v1).link();

        InviteData read = InviteCodec.decode(link, NOW);

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.network()).isEmpty();
        assertThat(read.preview().network()).isEmpty();
        assertThat(Base64.getUrlDecoder().decode(InviteCodec.encode(v1).code())[0]).isEqualTo((byte) 1);
    }

    @Test
    void sameNodeTwiceCostsSevenBytesForItsSecondAddress() {
        int one = InviteCodec.encode(withNetwork("Bob", 73, List.of(HINT_IP4))).code().length();
        int two = InviteCodec.encode(withNetwork("Bob", 73, List.of(HINT_IP4, HINT_IP4_SAME_PEER))).code().length();
        int none = InviteCodec.encode(withNetwork("Bob", 73, List.of())).code().length();

        assertThat((one - none) * 6 / 8).isBetween(38, 40);
        assertThat((two - one) * 6 / 8).isBetween(6, 8);
    }

    /** Measures what docs/invites.md reports: link length and QR version of version-2 invites. */
    @ParameterizedTest
    @ValueSource(strings = {"B", "Bob", "Twenty-one bytes name", Invites.LONGEST_ASCII_NAME})
    void measuredLengths(String name) throws Exception {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        for (List<String> hints : List.of(List.<String>of(), List.of(HINT_IP4), List.of(HINT_IP4, HINT_IP4_SAME_PEER),
                List.of(HINT_IP4, HINT_DNS))) {
            String link = InviteCodec.encode(withNetwork(name, 73, hints)).link();
            int version = Encoder.encode(link, ErrorCorrectionLevel.M).getVersion().getVersionNumber();
            System.out.printf("v2 invite: name %2d bytes, hints %-22s -> %3d characters, QR version %2d-M%n", bytes,
                    hints.stream().map(h -> h.split("/")[1]).toList(), link.length(), version);
        }
        // Without hints a v2 invite is shorter than v1 (its prekey id is not carried).
        String bare = InviteCodec.encode(withNetwork(name, 73, List.of())).link();
        assertThat(bare.length()).isLessThan(InviteCodec.encode(Invites.data(name)).link().length());
    }

    @Test
    void encodeFittingKeepsTheLinkWithin200CharactersAndQrVersion10() throws Exception {
        for (String name : List.of("B", "Bob", "Twenty-one bytes name", Invites.LONGEST_ASCII_NAME, Invites.LONGEST_EMOJI_NAME)) {
            for (List<String> hints : List.of(List.of(HINT_IP4), List.of(HINT_IP4, HINT_DNS), List.of(HINT_IP4, HINT_IP4_SAME_PEER))) {
                Invite invite = InviteCodec.encodeFitting(withNetwork(name, 73, hints));
                InviteData read = InviteCodec.decode(invite.link(), NOW);

                assertThat(invite.link().length()).isLessThanOrEqualTo(InviteCodec.MAX_LINK_LENGTH);
                assertThat(InviteQr.version(invite.link())).isLessThanOrEqualTo(10);
                assertThat(read.network().orElseThrow().clusterId()).isEqualTo(73);
                List<String> kept = read.network().orElseThrow().hints();
                assertThat(kept).isEqualTo(hints.subList(0, kept.size()));
            }
        }
        // What fits, as documented: one ip4 hint up to a 21-byte name, plus a second address of the same node.
        assertThat(InviteCodec.decode(InviteCodec.encodeFitting(withNetwork("Twenty-one bytes name", 73, List.of(HINT_IP4, HINT_DNS))).link(), NOW)
                .network().orElseThrow().hints()).containsExactly(HINT_IP4);
        assertThat(InviteCodec.decode(InviteCodec.encodeFitting(withNetwork("Bob", 73, List.of(HINT_IP4, HINT_IP4_SAME_PEER))).link(), NOW)
                .network().orElseThrow().hints()).containsExactly(HINT_IP4, HINT_IP4_SAME_PEER);
        assertThat(InviteCodec.decode(InviteCodec.encodeFitting(withNetwork(Invites.LONGEST_ASCII_NAME, 73, List.of(HINT_IP4))).link(), NOW)
                .network().orElseThrow().hints()).isEmpty();
    }

    @Test
    void hintsThatCannotTravelAreRefusedOrLeftOut() {
        for (String bad : List.of("/ip4/1.2.3.4/tcp/60000", "/ip4/1.2.3.4/tcp/60000/ws/p2p/" + PEER_A,
                "/ip4/1.2.3.400/tcp/1/p2p/" + PEER_A, "/ip4/1.2.3.4/tcp/0/p2p/" + PEER_A, "/ip4/1.2.3.4/udp/9/p2p/" + PEER_A,
                "/ip4/1.2.3.4/tcp/60000/p2p/QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N", "/dns4/bad_host/tcp/1/p2p/" + PEER_A,
                "/ip6/1.2.3.4/tcp/1/p2p/" + PEER_A, "/ip4/1.2.3.4/tcp/1/p2p/16Uiu2HAm0OIl")) {
            assertThat(InviteNetwork.canCarry(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new InviteNetwork(73, List.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(InviteNetwork.of(73, List.of("/ip4/1.2.3.4/tcp/60000", HINT_IP4, HINT_DNS, HINT_ED25519)).hints())
                .containsExactly(HINT_IP4, HINT_DNS);
        assertThatThrownBy(() -> new InviteNetwork(73, List.of(HINT_IP4, HINT_DNS, HINT_ED25519)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InviteNetwork(65536, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedHintsAreCorruptedInvites() {
        byte[] frame = Invites.frame(InviteCodec.encode(withNetwork("Bob", 73, List.of(HINT_IP4))));
        int hint = 1 + 32 + 32 + 4 + 2 + 3 + 1; // the hint's kind byte, after name "Bob" and cluster 73 (one byte)

        byte[] reservedBits = frame.clone();
        reservedBits[hint] |= 0x10;
        byte[] portZero = frame.clone();
        portZero[hint + 5] = 0;
        portZero[hint + 6] = 0;
        byte[] firstRefersBack = frame.clone();
        firstRefersBack[hint] |= 0x0C;
        byte[] moreHintsThanThere = frame.clone();
        moreHintsThanThere[1 + 32 + 32 + 4] = (byte) (3 | 2 << 6);
        moreHintsThanThere[1 + 32 + 32 + 4 + 1] = (byte) ~(3 | 2 << 6);
        byte[] threeHints = frame.clone();
        threeHints[1 + 32 + 32 + 4] = (byte) (3 | 3 << 6);
        threeHints[1 + 32 + 32 + 4 + 1] = (byte) ~(3 | 3 << 6);
        byte[] longCluster = frame.clone();
        longCluster[hint - 1] = (byte) 0xFF; // a continuation byte that runs into the hint: not a cluster id

        for (byte[] crafted : new byte[][] {reservedBits, portZero, firstRefersBack, moreHintsThanThere, threeHints, longCluster}) {
            String code = Invites.resealed(crafted);
            assertReason(code, Reason.CORRUPTED);
            assertReason(InviteCodec.LINK_PREFIX + code, Reason.CORRUPTED);
        }
    }

    @Test
    void cutOffVersionTwoInvitesAreTruncated() {
        String link = InviteCodec.encode(withNetwork("Bob", 300, List.of(HINT_DNS, HINT_IP4))).link();
        for (int cut = InviteCodec.LINK_PREFIX.length() + 1; cut < link.length(); cut++) {
            assertReason(link.substring(0, cut), Reason.TRUNCATED);
        }
        // Without the prefix a damaged version-2 code still looks like an invite ("A" then g..v).
        String code = InviteCodec.encode(withNetwork("Bob", 73, List.of())).code();
        assertThat(code).startsWith("A");
        assertThat(code.charAt(1)).isBetween('g', 'v');
        String changed = code.substring(0, 30) + (code.charAt(30) == 'x' ? 'y' : 'x') + code.substring(31);
        assertReason(changed, Reason.CORRUPTED);
    }

    private static void assertReason(String text, Reason reason) {
        assertThatThrownBy(() -> InviteCodec.decode(text, NOW)).as(text)
                .isInstanceOfSatisfying(InviteException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.transport.RlnKeystore.KeystoreException.Reason;

/**
 * Reads RLN keystores written by js-waku's {@code @waku/rln} (nwaku's keystore format), so the
 * reader is checked against another implementation rather than against itself.
 */
class RlnKeystoreTest {

    private static final String TWN_CONTRACT = "0xB9cd878C90E49F797B4431fBF4fb333108CB90e6";
    private static final String PASSWORD = "correct horse battery";

    /**
     * A keystore js-waku's {@code @waku/rln} 0.1.8 wrote (made-up identity secrets): membership 0 of
     * The Waku Network's contract with a limit of 20 messages per epoch, under {@link #FIXTURE_PASSWORD}.
     */
    static final String FIXTURE_PASSWORD = "keystore password";

    static Path fixture() {
        try {
            return Path.of(RlnKeystoreTest.class.getResource("/rln/js-waku-keystore.json").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsReferencePeer peer;
    private static String oneMembership;
    private static String twoMemberships;

    @TempDir
    Path folder;

    private final RlnKeystore keystore = new RlnKeystore();

    @BeforeAll
    static void writeKeystoresWithJsWaku() throws IOException {
        if (JsReferencePeer.unavailableReason().isPresent()) {
            return;
        }
        peer = JsReferencePeer.start();
        var answers = peer.ask(List.of(
                Map.of("op", "rlnKeystore", "password", PASSWORD, "memberships",
                        List.of(membership(7, 20))),
                Map.of("op", "rlnKeystore", "password", PASSWORD, "memberships",
                        List.of(membership(3, 10), membership(9, 50)))));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.has("ok")).as(answer.toString()).isTrue());
        oneMembership = answers.get(0).get("ok").asText();
        twoMemberships = answers.get(1).get("ok").asText();
    }

    @AfterAll
    static void stopPeer() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    private static Map<String, Object> membership(int treeIndex, int rateLimit) {
        return Map.of("chainId", "59141", "address", TWN_CONTRACT, "treeIndex", treeIndex, "rateLimit", rateLimit);
    }

    private Path file(String text) throws IOException {
        Path file = folder.resolve("rlnKeystore.json");
        Files.writeString(file, text);
        return file;
    }

    private static void requireJsWaku() {
        Assumptions.assumeTrue(peer != null,
                () -> "js-waku reference peer unavailable: " + JsReferencePeer.unavailableReason().orElse(""));
    }

    @Test
    void theMembershipOfAJsWakuKeystoreGivesItsOwnMessageLimit() throws Exception {
        requireJsWaku();
        RlnKeystore.Membership membership = keystore.read(file(oneMembership), PASSWORD, OptionalInt.empty());

        assertThat(membership).isEqualTo(new RlnKeystore.Membership("59141", TWN_CONTRACT, 7, 20));
    }

    @Test
    void theStoredJsWakuKeystoreReadsWithoutNode() throws Exception {
        assertThat(keystore.read(fixture(), FIXTURE_PASSWORD, OptionalInt.of(0)))
                .isEqualTo(new RlnKeystore.Membership("59141", TWN_CONTRACT, 0, 20));
    }

    @Test
    void theOnlyMembershipIsUsedWhateverIndexIsGiven() throws Exception {
        requireJsWaku();
        // As nwaku does: with a single credential the index is not consulted.
        assertThat(keystore.read(file(oneMembership), PASSWORD, OptionalInt.of(0)).treeIndex()).isEqualTo(7);
    }

    @Test
    void aWrongPasswordIsSaidAsSuch() throws Exception {
        requireJsWaku();
        Path file = file(oneMembership);

        assertThatThrownBy(() -> keystore.read(file, "correct horse", OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD))
                .hasMessageContaining("password does not open");
    }

    @Test
    void ofSeveralMembershipsTheIndexChoosesOne() throws Exception {
        requireJsWaku();
        Path file = file(twoMemberships);

        assertThat(keystore.read(file, PASSWORD, OptionalInt.of(9)).userMessageLimit()).isEqualTo(50);
        assertThat(keystore.read(file, PASSWORD, OptionalInt.of(3)).userMessageLimit()).isEqualTo(10);
        assertThatThrownBy(() -> keystore.read(file, PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MEMBERSHIP))
                .hasMessageContaining("2 memberships");
        assertThatThrownBy(() -> keystore.read(file, PASSWORD, OptionalInt.of(5)))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MEMBERSHIP))
                .hasMessageContaining("index 5");
    }

    @Test
    void aChangedCiphertextDoesNotDecrypt() throws Exception {
        requireJsWaku();
        var json = (ObjectNode) new ObjectMapper().readTree(oneMembership);
        var crypto = (ObjectNode) json.get("credentials").elements().next().get("crypto");
        String ciphertext = crypto.get("ciphertext").asText();
        crypto.put("ciphertext", (ciphertext.charAt(0) == '0' ? "1" : "0") + ciphertext.substring(1));
        Path file = file(json.toString());

        assertThatThrownBy(() -> keystore.read(file, PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD));
    }

    @Test
    void aKeystoreAskingForEndlessKeyDerivationIsRefusedAtOnce() throws Exception {
        requireJsWaku();
        var json = (ObjectNode) new ObjectMapper().readTree(oneMembership);
        var params = (ObjectNode) json.get("credentials").elements().next().get("crypto").get("kdfparams");
        params.put("c", Integer.MAX_VALUE);
        Path file = file(json.toString());

        assertThatThrownBy(() -> keystore.read(file, PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_KEYSTORE))
                .hasMessageContaining("rounds");
    }

    @Test
    void filesThatAreNoKeystoreAreSaidToBeSo() throws Exception {
        assertThatThrownBy(() -> keystore.read(folder.resolve("missing.json"), PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
        Path garbage = file("not json at all\n\u0000\u0001");
        assertThatThrownBy(() -> keystore.read(garbage, PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_KEYSTORE));
        Path empty = file("{\"application\":\"waku-rln-relay\",\"appIdentifier\":\"01234567890abcdef\","
                + "\"version\":\"0.2\",\"credentials\":{}}");
        assertThatThrownBy(() -> keystore.read(empty, PASSWORD, OptionalInt.empty()))
                .isInstanceOfSatisfying(RlnKeystore.KeystoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MEMBERSHIP))
                .hasMessageContaining("no membership yet");
    }
}

package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RlnProblemsTest {

    private static final Path KEYSTORE = Path.of("/home/me/rln-keystore.json");
    private static final NetworkConfig TWN = NetworkConfig.theWakuNetwork();

    @Test
    void aPrivateClusterNeedsNothing() {
        assertThat(RlnProblems.missingMembership(NetworkConfig.privateCluster(42, 8, List.of(), List.of()))).isEmpty();
    }

    @Test
    void theWakuNetworkNamesExactlyWhatIsMissing() {
        String nothing = RlnProblems.missingMembership(TWN).orElseThrow();
        String noRpc = RlnProblems.missingMembership(TWN.withRln(TWN.rln().withMembership(KEYSTORE, "pw", 0, List.of())))
                .orElseThrow();
        String noKeystore = RlnProblems.missingMembership(TWN.withRln(new NetworkConfig.Rln(true, 100, 600,
                java.util.Optional.empty(), "", java.util.OptionalInt.empty(), List.of("http://127.0.0.1:8545")))).orElseThrow();

        assertThat(nothing.lines().findFirst().orElseThrow()).isEqualTo(
                "The Waku Network needs an RLN membership, and this node has no RLN keystore and no Ethereum RPC endpoint.");
        assertThat(noRpc).startsWith("The Waku Network needs an RLN membership, and this node has no Ethereum RPC endpoint.");
        assertThat(noKeystore).startsWith("The Waku Network needs an RLN membership, and this node has no RLN keystore.");
        String noPassword = RlnProblems.missingMembership(TWN.withRln(TWN.rln().withMembership(KEYSTORE, "", 0,
                List.of("http://127.0.0.1:8545")))).orElseThrow();
        assertThat(noPassword).startsWith("The Waku Network needs an RLN membership, and this node has no password for "
                + "its RLN keystore.");
        assertThat(RlnProblems.missingMembership(TWN.withRln(TWN.rln().withMembership(KEYSTORE, "pw", 0,
                List.of("http://127.0.0.1:8545"))))).isEmpty();
    }

    @Test
    void theFixIsOnTheLastLine() {
        String explanation = RlnProblems.missingMembership(TWN).orElseThrow();
        String fix = explanation.lines().reduce((first, second) -> second).orElseThrow();

        assertThat(fix).contains("--rln-keystore <file>", "$WAKUCHAT_RLN_PASSWORD", "--eth-rpc <url>",
                "Settings → Network → The Waku Network", "--preset community", "--preset private", "docs/rln.md",
                "docs/cli.md, \"The Waku Network and RLN\"");
        assertThat(explanation).contains("stay queued");
    }

    @Test
    void nwakusRlnInstanceFailureMeansThisLibwakuHasNoRln() {
        String nwaku = "waku_new failed (code 1): libwaku error: handleRes fireSyncRes error: Failed setting up Waku: "
                + "Failed setting up node: Mounting protocols failed: failed to mount waku RLN relay protocol: failed to "
                + "mount WakuRlnRelay: could not create RLN instance: error in parameters generation";

        String explanation = RlnProblems.explainCreateFailure(nwaku).orElseThrow();

        assertThat(explanation.lines().findFirst().orElseThrow()).startsWith(
                "This libwaku build has no RLN support, which The Waku Network needs")
                .endsWith("(\"could not create RLN instance: error in parameters generation\").");
        assertThat(explanation.lines().reduce((a, b) -> b).orElseThrow())
                .contains("libwaku built with RLN", "native-libs/README.md", "--preset private", "Settings → Network");
    }

    @Test
    void otherCreationFailuresAreLeftAsNwakuSaidThem() {
        assertThat(RlnProblems.explainCreateFailure("failed to create switch: address already in use")).isEmpty();
        assertThat(RlnProblems.explainCreateFailure(null)).isEmpty();
    }
}

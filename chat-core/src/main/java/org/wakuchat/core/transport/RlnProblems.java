package org.wakuchat.core.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a node on a network with RLN (The Waku Network) cannot run, in words that say what is
 * missing and how to fix it. The first line says what, the last how to fix it (the CLI shows
 * those two; the app's status bar the first, with the whole text behind "How to fix").
 */
public final class RlnProblems {

    /** Words every "no membership" explanation starts with, for front ends that give it a headline. */
    public static final String NEEDS_MEMBERSHIP = "The Waku Network needs an RLN membership";
    /** Words every "this libwaku has no RLN" explanation contains. */
    public static final String NO_RLN_SUPPORT = "has no RLN support";
    /** nwaku v0.36's words when its RLN library cannot make a prover (a libwaku built without RLN). */
    static final String NWAKU_NO_RLN_INSTANCE = "could not create RLN instance";

    private static final String SEE = "How to get a membership, what it costs and on which chain: docs/rln.md; "
            + "the options: docs/cli.md, \"The Waku Network and RLN\".";
    private static final String PRIVATE_CLUSTER = "a network without RLN: the Waku Chat community network or a cluster "
            + "of your own (desktop app: Settings → Network; wakuchat-cli: --preset community, or --preset private "
            + "--bootstrap <multiaddr>)";

    private RlnProblems() {
    }

    /**
     * What the node's RLN settings lack, found before any libwaku call (so nothing is dialled):
     * RLN proofs need a membership (a keystore and its password) and the membership contract (an
     * Ethereum RPC endpoint). Empty when RLN is off or all are given.
     */
    public static Optional<String> missingMembership(NetworkConfig config) {
        NetworkConfig.Rln rln = config.rln();
        if (!rln.enabled()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (rln.keystore().isEmpty()) {
            missing.add("no RLN keystore");
        } else if (rln.keystorePassword().isEmpty()) {
            // nwaku v0.36 takes an empty password for none: "Credential Password is not specified but path is".
            missing.add("no password for its RLN keystore");
        }
        if (rln.ethClientUrls().isEmpty()) {
            missing.add("no Ethereum RPC endpoint");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NEEDS_MEMBERSHIP + ", and this node has " + String.join(" and ", missing) + ".\n"
                + "Its relays pass on only messages with an RLN rate-limit proof, made with your membership "
                + "(an RLN keystore and its password) and checked against the membership contract "
                + "(through an Ethereum RPC endpoint). Messages you write stay queued until then.\n"
                + "Give them — desktop app: Settings → Network → The Waku Network (RLN keystore, its password, "
                + "membership index, Ethereum RPC); wakuchat-cli: --rln-keystore <file> (password in "
                + "$WAKUCHAT_RLN_PASSWORD) --eth-rpc <url> — or use " + PRIVATE_CLUSTER
                + ". " + SEE);
    }

    /**
     * Why the configured RLN keystore cannot be used ({@code problem}: what {@link RlnKeystore}
     * found), with what to do about it.
     */
    public static String unusableKeystore(String problem) {
        return problem + "\n"
                + "Without a usable membership nothing can be sent on The Waku Network; messages you write stay queued.\n"
                + "Check the keystore file, its password and the membership index — desktop app: Settings → Network → "
                + "The Waku Network; wakuchat-cli: --rln-keystore, $WAKUCHAT_RLN_PASSWORD, --rln-membership-index — or use "
                + PRIVATE_CLUSTER + ". " + SEE;
    }

    /**
     * {@code nwakuError} (why {@code waku_new} failed) explained when it is the RLN library that
     * cannot work: this libwaku was built without RLN (its prover is a stub). Empty for other errors.
     */
    public static Optional<String> explainCreateFailure(String nwakuError) {
        if (nwakuError == null || !nwakuError.contains(NWAKU_NO_RLN_INSTANCE)) {
            return Optional.empty();
        }
        int start = nwakuError.indexOf(NWAKU_NO_RLN_INSTANCE);
        return Optional.of("This libwaku build " + NO_RLN_SUPPORT + ", which The Waku Network needs: nwaku could not make "
                + "an RLN prover (\"" + nwakuError.substring(start).strip() + "\").\n"
                + "Messages you write stay queued.\n"
                + "Use a libwaku built with RLN (native-libs/README.md), or " + PRIVATE_CLUSTER + ". " + SEE);
    }
}

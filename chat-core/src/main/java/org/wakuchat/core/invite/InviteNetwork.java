package org.wakuchat.core.invite;

import java.util.List;

/**
 * The network an invite was made on: the inviter's cluster id and up to {@link #MAX_HINTS}
 * multiaddresses of service nodes the inviter uses, so that someone on another network, or with
 * no peers configured, can reach the inviter's network.
 *
 * @param clusterId 0..65535 (The Waku Network is 1)
 * @param hints     {@code /ip4|ip6|dns4|dns6/<host>/tcp/<port>/p2p/<secp256k1 or ed25519 peer id>}
 */
public record InviteNetwork(int clusterId, List<String> hints) {

    public static final int MAX_HINTS = 2;

    public InviteNetwork {
        if (clusterId < 0 || clusterId > 0xFFFF) {
            throw new IllegalArgumentException("cluster id must be 0..65535: " + clusterId);
        }
        hints = List.copyOf(hints);
        if (hints.size() > MAX_HINTS) {
            throw new IllegalArgumentException("at most " + MAX_HINTS + " network hints: " + hints);
        }
        CompactMultiaddr.write(hints); // throws for a hint that cannot travel in an invite
    }

    /**
     * My network as an invite carries it: the first {@link #MAX_HINTS} of {@code serviceNodes} that
     * can travel in an invite (others, e.g. with {@code /ws} or an RSA peer id, are left out).
     */
    public static InviteNetwork of(int clusterId, List<String> serviceNodes) {
        return new InviteNetwork(clusterId, serviceNodes.stream().map(String::strip).distinct()
                .filter(CompactMultiaddr::supported).limit(MAX_HINTS).toList());
    }

    /** Whether {@code multiaddr} can be one of the hints. */
    public static boolean canCarry(String multiaddr) {
        return CompactMultiaddr.supported(multiaddr);
    }

    public InviteNetwork withoutLastHint() {
        return new InviteNetwork(clusterId, hints.subList(0, Math.max(0, hints.size() - 1)));
    }
}

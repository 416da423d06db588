package org.wakuchat.core.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The "Waku Chat community" network as this build knows it: its cluster, its shard count and the
 * service nodes the build ships with, read from the classpath resource {@value #RESOURCE}. The
 * repository's file has empty node lists; a build that runs community nodes fills them (Maven
 * properties {@code wakuchat.community.bootstrap} and {@code wakuchat.community.store}, filtered
 * into the file) or replaces the file. See docs/networks.md.
 *
 * @param clusterId      not used by any fleet we know of (The Waku Network is 1, Status 16)
 * @param numShards      a power of two, as autosharding expects
 * @param bootstrapPeers multiaddresses dialled at start
 * @param storeNodes     multiaddresses of Store nodes for history
 * @param messagesPerWindow the app's own outbound limit, there being no RLN: messages per window
 * @param windowSeconds  the window of that limit
 */
public record CommunityNetwork(int clusterId, int numShards, List<String> bootstrapPeers, List<String> storeNodes,
                               int messagesPerWindow, int windowSeconds) {

    public static final String RESOURCE = "org/wakuchat/core/transport/community-network.properties";

    public CommunityNetwork {
        if (numShards < 1 || Integer.bitCount(numShards) != 1) {
            throw new IllegalArgumentException("the community network's shard count must be a power of two: " + numShards);
        }
        bootstrapPeers = List.copyOf(bootstrapPeers);
        storeNodes = List.copyOf(storeNodes);
        if (messagesPerWindow < 1 || windowSeconds < 1) {
            throw new IllegalArgumentException("the community network's rate limit must be positive");
        }
    }

    /** The community network of this build, from {@value #RESOURCE}. */
    public static CommunityNetwork ofThisBuild() {
        try (InputStream in = CommunityNetwork.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                Properties values = new Properties();
                values.load(reader);
                return from(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CommunityNetwork from(Properties values) {
        try {
            return new CommunityNetwork(Integer.parseInt(values.getProperty("clusterId", "").strip()),
                    Integer.parseInt(values.getProperty("numShards", "").strip()),
                    list(values.getProperty("bootstrap", "")), list(values.getProperty("store", "")),
                    Integer.parseInt(values.getProperty("rateLimit.messages", "100").strip()),
                    Integer.parseInt(values.getProperty("rateLimit.seconds", "600").strip()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(RESOURCE + ": clusterId, numShards and the rate limit must be numbers", e);
        }
    }

    /** Comma- or space-separated multiaddresses; an unfiltered {@code ${…}} placeholder is an empty list. */
    private static List<String> list(String text) {
        if (text.strip().startsWith("${")) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

package org.wakuchat.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The network an account joined from an invite ({@code accept --join}), kept in the data folder
 * as {@value #FILE}: used by every command that runs a node and is not given {@code --preset}.
 *
 * @param clusterId the invite's cluster
 * @param peers     the invite's service nodes, dialled at start and asked for Store
 */
record JoinedNetwork(int clusterId, List<String> peers) {

    static final String FILE = "joined-network.properties";

    JoinedNetwork {
        peers = List.copyOf(peers);
    }

    static Optional<JoinedNetwork> load(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
            List<String> peers = Arrays.stream(values.getProperty("peers", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return Optional.of(new JoinedNetwork(Integer.parseInt(values.getProperty("clusterId", "").strip()), peers));
        } catch (IOException | RuntimeException damaged) {
            throw new CliException(ExitCodes.ERROR, "Cannot read " + file + " (" + damaged.getMessage()
                    + "): remove it, or accept the invite again with --join.");
        }
    }

    /** Writes atomically. */
    void save(Path dataDir) {
        Properties values = new Properties();
        values.setProperty("clusterId", Integer.toString(clusterId));
        values.setProperty("peers", String.join(",", peers));
        Path file = dataDir.resolve(FILE);
        Path temp = dataDir.resolve(FILE + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                values.store(out, "The network joined from an invite (wakuchat-cli accept --join)");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "Cannot save " + file + ": " + e.getMessage());
        }
    }
}

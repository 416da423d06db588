package org.wakuchat.cli.serve;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The service node's libp2p key, in {@code node.key} of its data folder (64 hex digits, mode
 * 0600): made on the first run and read on every later one, so the node keeps its peer id and
 * the multiaddress clients were given stays valid across restarts and upgrades.
 */
public final class NodeKeyFile {

    public static final String NAME = "node.key";
    /** secp256k1's group order: a private key is 1 … n-1. */
    private static final BigInteger ORDER = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final Pattern KEY = Pattern.compile("[0-9a-fA-F]{64}");

    private NodeKeyFile() {
    }

    /** The key in {@code dataDir}, made (and written with owner-only permissions) when there is none. */
    public static String loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        String key = newKey(random);
        Path temp = Files.createTempFile(dataDir, NAME, ".new");
        try {
            restrict(temp);
            Files.writeString(temp, key + "\n", StandardCharsets.US_ASCII);
            // A hard link never replaces: a node started at the same moment keeps whichever key landed first.
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temp, file);
            }
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } finally {
            Files.deleteIfExists(temp);
        }
        return key;
    }

    static String newKey(SecureRandom random) {
        byte[] bytes = new byte[32];
        BigInteger value;
        do {
            random.nextBytes(bytes);
            value = new BigInteger(1, bytes);
        } while (value.signum() == 0 || value.compareTo(ORDER) >= 0);
        return HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) throws IOException {
        String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!KEY.matcher(key).matches()) {
            throw new IOException(file + " does not hold a node key (64 hex digits); move it away to make a new one "
                    + "(the node's peer id, and so its multiaddress, then changes)");
        }
        return key.toLowerCase(java.util.Locale.ROOT);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data folder's own permissions protect it.
        }
    }
}

package org.wakuchat.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.DataFolderWarning;
import org.wakuchat.core.crypto.Crypto;

/**
 * Notices a data folder restored from an older copy or copied to another computer (docs/crypto.md
 * §6). The account keeps, sealed, a random folder id and a generation that grows by one on every
 * unlock; this computer keeps the last generation it saw of that folder in a marker file outside
 * the data folder (the per-user state folder). Sealed, the generation cannot be edited without the
 * passphrase; the marker needs no secrecy (it only names a hash of the id). A problem with the
 * marker (unwritable folder) never stops the unlock: it is logged and the check is skipped.
 */
public final class FolderGenerations {

    private static final Logger log = LoggerFactory.getLogger(FolderGenerations.class);
    private static final String KIND = "folder";
    private static final String ID = "id";
    private static final String GENERATION = "generation";
    private static final int ID_LENGTH = 16;

    private FolderGenerations() {
    }

    /**
     * Compares, then advances both the sealed generation and this computer's marker in {@code
     * markerDir}. Without a marker folder (the CLI, tests, embedding) nothing is checked or
     * advanced, so that using the folder from there does not look like use on another computer.
     */
    public static Optional<DataFolderWarning> checkAndAdvance(SecretStore secrets, Path markerDir,
            SecureRandom random) {
        if (!usable(markerDir)) {
            // Checked later, once the folder is usable: advancing the sealed generation alone now
            // would read as "used elsewhere" then, and a marker never written as "first use" each time.
            return Optional.empty();
        }
        byte[] id = secrets.get(KIND, ID).orElseGet(() -> {
            byte[] fresh = new byte[ID_LENGTH];
            random.nextBytes(fresh);
            return fresh;
        });
        long generation = secrets.get(KIND, GENERATION).map(FolderGenerations::parse).orElse(0L);
        Path marker = markerDir.resolve(HexFormat.of().formatHex(
                Crypto.sha256("WakuChat-Folder-v1".getBytes(StandardCharsets.US_ASCII), id), 0, 16));
        Optional<Long> seenHere = readMarker(marker);
        Optional<DataFolderWarning> warning = compare(generation, seenHere);
        long next = generation + 1;
        // Sealed first: a crash between the two writes then reads as USED_ELSEWHERE_SINCE once,
        // never as a restored older copy.
        secrets.inTransaction(() -> {
            secrets.put(KIND, ID, id);
            secrets.put(KIND, GENERATION, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        });
        writeMarker(marker, next);
        warning.ifPresent(w -> log.warn("Data folder check: {} (sealed generation {}, this computer last saw {})", w,
                generation, seenHere.map(String::valueOf).orElse("none")));
        return warning;
    }

    /** {@code generation} 0: the folder never had one (new account, or made before this check existed). */
    static Optional<DataFolderWarning> compare(long generation, Optional<Long> seenHere) {
        if (seenHere.isEmpty()) {
            return generation == 0 ? Optional.empty() : Optional.of(DataFolderWarning.FIRST_USE_ON_THIS_COMPUTER);
        }
        long seen = seenHere.get();
        if (seen > generation) {
            return Optional.of(DataFolderWarning.RESTORED_OLDER_COPY);
        }
        if (seen < generation) {
            return Optional.of(DataFolderWarning.USED_ELSEWHERE_SINCE);
        }
        return Optional.empty();
    }

    private static long parse(byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException damaged) {
            throw new StorageException("The data folder's generation is damaged.", damaged);
        }
    }

    private static Optional<Long> readMarker(Path marker) {
        try {
            return Files.exists(marker)
                    ? Optional.of(Long.parseLong(Files.readString(marker, StandardCharsets.US_ASCII).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            log.warn("Cannot read the data folder marker {}: {}; not checking for an older copy this time", marker,
                    unreadable.toString());
            return Optional.empty();
        }
    }

    private static boolean usable(Path markerDir) {
        try {
            Files.createDirectories(markerDir);
            FilePermissions.ownerOnly(markerDir);
            if (Files.isDirectory(markerDir) && Files.isWritable(markerDir)) {
                return true;
            }
            log.warn("The data folder marker folder {} is not writable; not checking for an older copy", markerDir);
        } catch (IOException | StorageException failed) {
            log.warn("Cannot use the data folder marker folder {}: {}; not checking for an older copy", markerDir,
                    failed.toString());
        }
        return false;
    }

    private static void writeMarker(Path marker, long generation) {
        try {
            Path temporary = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(generation) + "\n", StandardCharsets.US_ASCII);
            FileSync.force(temporary);
            FileSync.replace(temporary, marker);
            FileSync.forceDirectory(marker.getParent());
        } catch (IOException | StorageException failed) {
            log.warn("Cannot write the data folder marker {}: {}", marker, failed.toString());
        }
    }
}

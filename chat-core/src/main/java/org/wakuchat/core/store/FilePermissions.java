package org.wakuchat.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Keeps account files private to the user on systems with POSIX permissions; elsewhere a no-op. */
final class FilePermissions {

    private FilePermissions() {
    }

    static void ownerOnly(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            view.setPermissions(PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (IOException failed) {
            throw new StorageException("Cannot restrict the permissions of " + path + ": " + failed.getMessage(), failed);
        }
    }
}

package org.wakuchat.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Keeps a second app instance from opening the same account while this one has it open. */
final class DataFolderLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataFolderLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dir);
            }
            return new DataFolderLock(channel, lock);
        } catch (OverlappingFileLockException sameProcess) {
            closeQuietly(channel);
            throw inUse(dir);
        } catch (IOException failed) {
            closeQuietly(channel);
            throw new StorageException("Cannot lock the data folder " + dir + ": " + failed.getMessage(), failed);
        } catch (StorageException failed) {
            closeQuietly(channel);
            throw failed;
        }
    }

    private static StorageException inUse(Path dir) {
        return new StorageException("The account in " + dir + " is already open in another Waku Chat window or process.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing after a failure; the original error is what matters.
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException failed) {
            throw new StorageException("Cannot unlock the data folder: " + failed.getMessage(), failed);
        }
    }
}

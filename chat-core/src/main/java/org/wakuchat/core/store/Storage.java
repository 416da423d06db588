package org.wakuchat.core.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.crypto.Crypto;

/**
 * The encrypted account storage in one data folder: {@code account.json} (key derivation
 * header), {@code messages.db} and {@code secrets.db}. Creating and opening are slow (Argon2id):
 * call them off the UI thread. See docs/storage.md for what is encrypted.
 */
public final class Storage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    static final String MESSAGES_FILE = "messages.db";
    static final String SECRETS_FILE = "secrets.db";
    private static final byte[] CANARY = "wakuchat-canary".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> SQLITE_SUFFIXES = List.of("", "-wal", "-shm", "-journal");

    private final DataFolderLock folderLock;
    private final Database messagesDb;
    private final Database secretsDb;
    private final CellCipher messagesCipher;
    private final CellCipher secretsCipher;
    private final SqliteMessageStore messages;
    private final SqliteSecretStore secrets;
    private final SqliteEventLog events;
    private final SqliteGroupStore groups;
    private boolean closed;

    private Storage(DataFolderLock folderLock, Database messagesDb, Database secretsDb, Keys keys) {
        this.folderLock = folderLock;
        this.messagesDb = messagesDb;
        this.secretsDb = secretsDb;
        this.messagesCipher = keys.messages();
        this.secretsCipher = keys.secrets();
        this.messages = new SqliteMessageStore(messagesDb, messagesCipher);
        this.secrets = new SqliteSecretStore(secretsDb, secretsCipher, keys.secretKeyHash());
        this.events = new SqliteEventLog(messagesDb, messagesCipher);
        this.groups = new SqliteGroupStore(messagesDb, messagesCipher);
        Arrays.fill(keys.secretKeyHash(), (byte) 0);
    }

    /** Whether {@code dir} holds an account (its header file). */
    public static boolean exists(Path dir) {
        return AccountHeader.exists(dir);
    }

    /**
     * Makes a new account storage in {@code dir} (created if needed). Fails with
     * {@link StorageException} if an account exists there. The caller keeps and wipes {@code passphrase}.
     */
    public static Storage create(Path dir, char[] passphrase, KdfParams kdf) {
        prepareFolder(dir);
        if (exists(dir)) {
            throw new StorageException("An account already exists in " + dir + "; it was left as it is.");
        }
        var random = new SecureRandom();
        byte[] masterKey = new byte[KeyDerivation.KEY_LENGTH];
        AccountHeader header = AccountHeader.create(passphrase, kdf, random, masterKey);
        Keys keys = Keys.derive(masterKey, random);
        var opened = new ArrayList<AutoCloseable>();
        try {
            opened.add(DataFolderLock.acquire(dir));
            if (exists(dir)) {
                throw new StorageException("An account was just created in " + dir + " by another process.");
            }
            moveAsideUnfinished(dir);
            Database messagesDb = track(opened, Database.create(dir.resolve(MESSAGES_FILE), MessagesSchema.MIGRATIONS));
            Database secretsDb = track(opened, Database.create(dir.resolve(SECRETS_FILE), SecretsSchema.MIGRATIONS));
            writeCanary(messagesDb, keys.messages());
            writeCanary(secretsDb, keys.secrets());
            // Written last: an account exists only once everything it needs is on disk.
            header.write(dir);
            LOG.info("Created account storage in {}", dir);
            return new Storage((DataFolderLock) opened.getFirst(), messagesDb, secretsDb, keys);
        } catch (RuntimeException failed) {
            keys.wipe();
            closeAll(opened, failed);
            throw failed;
        }
    }

    /**
     * Unlocks the account in {@code dir}. The passphrase is checked before any database is opened:
     * a wrong one ({@link WrongPassphraseException}) leaves every file as it was. Damaged, missing or
     * newer-version databases give a {@link StorageException} naming the file, which is left as it is.
     */
    public static Storage open(Path dir, char[] passphrase) {
        AccountHeader header = AccountHeader.read(dir);
        byte[] masterKey = header.unlock(passphrase);
        Keys keys = Keys.derive(masterKey, new SecureRandom());
        var opened = new ArrayList<AutoCloseable>();
        try {
            DataFolderLock lock = track(opened, DataFolderLock.acquire(dir));
            Database messagesDb = track(opened, openChecked(dir.resolve(MESSAGES_FILE), MessagesSchema.MIGRATIONS,
                    keys.messages()));
            Database secretsDb = track(opened, openChecked(dir.resolve(SECRETS_FILE), SecretsSchema.MIGRATIONS,
                    keys.secrets()));
            messagesDb.migrate();
            secretsDb.migrate();
            Storage storage = new Storage(lock, messagesDb, secretsDb, keys);
            storage.messages.bindOlderRows();
            return storage;
        } catch (RuntimeException failed) {
            keys.wipe();
            closeAll(opened, failed);
            throw failed;
        }
    }

    public SecretStore secrets() {
        return secrets;
    }

    public MessageStore messages() {
        return messages;
    }

    /** Private groups (in messages.db). */
    public GroupStore groups() {
        return groups;
    }

    /** The reliability report's event log (in messages.db). */
    public EventLog events() {
        return events;
    }

    /** Closes both databases (checkpointing their logs) and wipes the keys; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        var failure = new StorageException("Closing the account storage failed.");
        closeAll(List.of(messagesDb, secretsDb, folderLock), failure);
        messagesCipher.wipe();
        secretsCipher.wipe();
        secrets.wipe();
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static Database openChecked(Path file, List<Migration> migrations, CellCipher cipher) {
        Database db = Database.open(file, migrations);
        try {
            checkCanary(db, cipher);
            db.configure();
            return db;
        } catch (RuntimeException failed) {
            db.close();
            throw failed;
        }
    }

    private static void writeCanary(Database db, CellCipher cipher) {
        db.call("writing the account check", connection -> {
            var insert = db.prepared("INSERT INTO meta (name, value) VALUES ('canary', ?)");
            insert.setBytes(1, cipher.seal(CANARY, "meta", "value", "canary"));
            insert.executeUpdate();
            return null;
        });
    }

    /** A database from another account (or a damaged one) is refused before it is written. */
    private static void checkCanary(Database db, CellCipher cipher) {
        byte[] sealed = db.call("reading the account check", connection -> {
            try (var select = connection.prepareStatement("SELECT value FROM meta WHERE name = 'canary'");
                 var row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        });
        try {
            if (sealed == null || !Crypto.equal(CANARY, cipher.open(sealed, "meta", "value", "canary"))) {
                throw new StorageException("missing check value");
            }
        } catch (StorageException notOurs) {
            throw new StorageException(db.file() + " does not belong to this account or is damaged. It was left as"
                    + " it is.", notOurs);
        }
    }

    private static void prepareFolder(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                FilePermissions.ownerOnly(dir);
            }
        } catch (IOException failed) {
            throw new StorageException("Cannot create the data folder " + dir + ": " + failed.getMessage(), failed);
        }
    }

    /**
     * Database files without a header are what a crash during {@link #create} leaves; without the
     * header nothing in them can be decrypted. They are moved aside, not deleted, to be safe.
     */
    private static void moveAsideUnfinished(Path dir) {
        try {
            Path aside = null;
            for (String base : List.of(MESSAGES_FILE, SECRETS_FILE)) {
                for (String suffix : SQLITE_SUFFIXES) {
                    Path file = dir.resolve(base + suffix);
                    if (Files.exists(file)) {
                        if (aside == null) {
                            aside = Files.createDirectories(dir.resolve("unfinished-"
                                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))));
                            LOG.warn("Moving database files without an account header to {}", aside);
                        }
                        Files.move(file, aside.resolve(file.getFileName()));
                    }
                }
            }
        } catch (IOException failed) {
            throw new StorageException("Cannot move unfinished database files out of " + dir + ": "
                    + failed.getMessage(), failed);
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static void closeAll(List<? extends AutoCloseable> resources, Throwable failure) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }

    /** The per-purpose keys derived from the master key, which is wiped as soon as they exist. */
    private record Keys(CellCipher messages, CellCipher secrets, byte[] secretKeyHash) {

        static Keys derive(byte[] masterKey, SecureRandom random) {
            byte[] messagesKey = KeyDerivation.subkey(masterKey, "messages.db/cells");
            byte[] secretsKey = KeyDerivation.subkey(masterKey, "secrets.db/cells");
            byte[] keyHash = KeyDerivation.subkey(masterKey, "secrets.db/key-hash");
            try {
                return new Keys(new CellCipher(MESSAGES_FILE, messagesKey, random),
                        new CellCipher(SECRETS_FILE, secretsKey, random), keyHash);
            } finally {
                Arrays.fill(masterKey, (byte) 0);
                Arrays.fill(messagesKey, (byte) 0);
                Arrays.fill(secretsKey, (byte) 0);
            }
        }

        void wipe() {
            messages.wipe();
            secrets.wipe();
            Arrays.fill(secretKeyHash, (byte) 0);
        }
    }
}

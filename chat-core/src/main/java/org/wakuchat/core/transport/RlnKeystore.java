package org.wakuchat.core.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Reads an RLN membership from an RLN keystore file, the format nwaku's keystore generator and
 * js-waku's {@code @waku/rln} write: a JSON object (application {@code waku-rln-relay}, version
 * {@code 0.2}) whose credentials are Web3 secret-storage keyfiles (PBKDF2 or scrypt, AES-128-CTR,
 * a Keccak-256 MAC) holding the membership as JSON, with its {@code userMessageLimit}. Only what
 * the app needs leaves this class: the contract, the tree index and the message limit — never the
 * identity secrets.
 */
public final class RlnKeystore {

    static final String APPLICATION = "waku-rln-relay";
    static final String APP_IDENTIFIER = "01234567890abcdef";
    static final String VERSION = "0.2";

    // Bounds on the key derivation a file may ask for: nwaku's defaults are 1,000,000 PBKDF2
    // rounds and scrypt N = 262,144; a hostile file must not make unlocking take hours.
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;
    private static final int MAX_SCRYPT_N = 1 << 20;
    private static final int MAX_CREDENTIALS = 64;

    private final ObjectMapper json = new ObjectMapper();

    /** One membership of the keystore, without its secrets. */
    public record Membership(String chainId, String contractAddress, long treeIndex, int userMessageLimit) {
    }

    /** Why a keystore could not give a membership; the message says it in words a user can act on. */
    public static final class KeystoreException extends Exception {

        public enum Reason {
            UNREADABLE,
            NOT_A_KEYSTORE,
            NO_MEMBERSHIP,
            WRONG_PASSWORD,
            UNSUPPORTED
        }

        private final Reason reason;

        KeystoreException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * The membership nwaku would use: the only one in the keystore, or, when it holds several, the
     * one at {@code membershipIndex} in the contract's tree (nwaku's credential index).
     */
    public Membership read(Path file, String password, OptionalInt membershipIndex) throws KeystoreException {
        List<JsonNode> credentials = credentials(file);
        if (credentials.size() == 1) {
            try {
                return decrypt(credentials.getFirst(), password);
            } catch (KeystoreException e) {
                throw e.reason() == KeystoreException.Reason.WRONG_PASSWORD ? wrongPassword(file) : e;
            }
        }
        if (membershipIndex.isEmpty()) {
            throw new KeystoreException(KeystoreException.Reason.NO_MEMBERSHIP, "The RLN keystore " + file + " holds "
                    + credentials.size() + " memberships: say which one with the membership index.");
        }
        boolean opened = false;
        for (JsonNode credential : credentials) {
            Membership membership;
            try {
                membership = decrypt(credential, password);
            } catch (KeystoreException e) {
                if (e.reason() == KeystoreException.Reason.WRONG_PASSWORD) {
                    continue; // nwaku keystores may hold credentials under different passwords
                }
                throw e;
            }
            opened = true;
            if (membership.treeIndex() == membershipIndex.getAsInt()) {
                return membership;
            }
        }
        if (!opened) {
            throw wrongPassword(file);
        }
        throw new KeystoreException(KeystoreException.Reason.NO_MEMBERSHIP, "The RLN keystore " + file
                + " has no membership with index " + membershipIndex.getAsInt() + " that this password opens.");
    }

    private List<JsonNode> credentials(Path file) throws KeystoreException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new KeystoreException(KeystoreException.Reason.UNREADABLE, "The RLN keystore " + file
                    + " cannot be read: " + e.getMessage());
        }
        // nwaku appends one keystore per line; the one for this application and version counts.
        for (String line : text.split("\n")) {
            String candidate = line.strip();
            if (!candidate.startsWith("{")) {
                continue;
            }
            JsonNode keystore;
            try {
                keystore = json.readTree(candidate);
            } catch (IOException e) {
                continue;
            }
            if (keystore != null && APPLICATION.equals(keystore.path("application").asText())
                    && APP_IDENTIFIER.equals(keystore.path("appIdentifier").asText())
                    && VERSION.equals(keystore.path("version").asText())) {
                List<JsonNode> found = new ArrayList<>();
                keystore.path("credentials").forEach(found::add);
                if (found.isEmpty()) {
                    throw new KeystoreException(KeystoreException.Reason.NO_MEMBERSHIP, "The RLN keystore " + file
                            + " holds no membership yet.");
                }
                if (found.size() > MAX_CREDENTIALS) {
                    throw notAKeystore(file, "more than " + MAX_CREDENTIALS + " credentials");
                }
                return found;
            }
        }
        throw notAKeystore(file, "no " + APPLICATION + " keystore of version " + VERSION + " in it");
    }

    private Membership decrypt(JsonNode credential, String password) throws KeystoreException {
        JsonNode crypto = credential.path("crypto");
        byte[] ciphertext = hex(crypto.path("ciphertext"));
        byte[] iv = hex(crypto.path("cipherparams").path("iv"));
        byte[] mac = hex(crypto.path("mac"));
        if (!"aes-128-ctr".equalsIgnoreCase(crypto.path("cipher").asText())) {
            throw unsupported("cipher " + crypto.path("cipher").asText());
        }
        if (ciphertext.length == 0 || iv.length != 16 || mac.length != 32) {
            throw malformed("a credential without ciphertext, a 16-byte IV or a 32-byte MAC");
        }
        byte[] derived = derive(crypto.path("kdf").asText(), crypto.path("kdfparams"), password);
        var keccak = new KeccakDigest(256);
        keccak.update(derived, 16, 16);
        keccak.update(ciphertext, 0, ciphertext.length);
        byte[] expected = new byte[32];
        keccak.doFinal(expected, 0);
        if (!MessageDigest.isEqual(expected, mac)) {
            throw wrongPassword(null);
        }
        byte[] plaintext;
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv));
            plaintext = aes.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            throw unsupported("AES-128-CTR (" + e.getMessage() + ")");
        }
        return membership(plaintext);
    }

    private Membership membership(byte[] plaintext) throws KeystoreException {
        JsonNode membership;
        try {
            membership = json.readTree(plaintext);
        } catch (IOException e) {
            throw malformed("a membership that is not JSON");
        }
        JsonNode limit = membership == null ? null : membership.get("userMessageLimit");
        JsonNode treeIndex = membership == null ? null : membership.get("treeIndex");
        if (treeIndex == null || !treeIndex.canConvertToLong() || treeIndex.asLong() < 0) {
            throw malformed("a membership without its tree index");
        }
        if (limit == null || !limit.canConvertToInt() || limit.asInt() < 1) {
            throw new KeystoreException(KeystoreException.Reason.UNSUPPORTED, "This RLN membership has no message limit: "
                    + "it was registered with an older RLN contract (version 1). Register a new membership (docs/rln.md).");
        }
        JsonNode contract = membership.path("membershipContract");
        return new Membership(contract.path("chainId").asText(), contract.path("address").asText(), treeIndex.asLong(),
                limit.asInt());
    }

    private static byte[] derive(String kdf, JsonNode params, String password) throws KeystoreException {
        byte[] salt = hex(params.path("salt"));
        int length = params.path("dklen").asInt();
        if (salt.length == 0 || length < 32 || length > 128) {
            throw malformed("key derivation parameters without salt or with a key length other than 32..128");
        }
        switch (kdf) {
            case "pbkdf2" -> {
                int rounds = params.path("c").asInt();
                String prf = params.path("prf").asText();
                String algorithm = switch (prf) {
                    case "hmac-sha256" -> "PBKDF2WithHmacSHA256";
                    case "hmac-sha512" -> "PBKDF2WithHmacSHA512";
                    default -> throw unsupported("PBKDF2 with " + prf);
                };
                if (rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
                    throw malformed("PBKDF2 with " + rounds + " rounds");
                }
                try {
                    // PBEKeySpec takes chars; nwaku derives from the password's UTF-8 bytes, which the JDK's
                    // PBKDF2 also uses for the chars it is given.
                    return SecretKeyFactory.getInstance(algorithm)
                            .generateSecret(new PBEKeySpec(password.toCharArray(), salt, rounds, length * 8)).getEncoded();
                } catch (GeneralSecurityException e) {
                    throw unsupported(algorithm + " (" + e.getMessage() + ")");
                }
            }
            case "scrypt" -> {
                int n = params.path("n").asInt();
                int r = params.path("r").asInt();
                int p = params.path("p").asInt();
                if (n < 2 || n > MAX_SCRYPT_N || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
                    throw malformed("scrypt with n=" + n + ", r=" + r + ", p=" + p);
                }
                return SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, length);
            }
            default -> throw unsupported("key derivation \"" + kdf + "\"");
        }
    }

    private static byte[] hex(JsonNode node) throws KeystoreException {
        String text = node.asText("");
        if (text.startsWith("0x")) {
            text = text.substring(2);
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw malformed("a value that is not hexadecimal");
        }
    }

    private static KeystoreException wrongPassword(Path file) {
        return new KeystoreException(KeystoreException.Reason.WRONG_PASSWORD, "The password does not open the RLN keystore"
                + (file == null ? "" : " " + file) + ".");
    }

    private static KeystoreException notAKeystore(Path file, String why) {
        return new KeystoreException(KeystoreException.Reason.NOT_A_KEYSTORE, file + " is not an RLN keystore (" + why + ").");
    }

    private static KeystoreException malformed(String what) {
        return new KeystoreException(KeystoreException.Reason.NOT_A_KEYSTORE, "The RLN keystore is damaged: " + what + ".");
    }

    private static KeystoreException unsupported(String what) {
        return new KeystoreException(KeystoreException.Reason.UNSUPPORTED, "The RLN keystore uses " + what
                + ", which Waku Chat cannot read.");
    }
}

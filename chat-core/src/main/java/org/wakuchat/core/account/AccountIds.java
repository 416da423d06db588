package org.wakuchat.core.account;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;
import org.wakuchat.core.crypto.Crypto;
import org.wakuchat.core.crypto.X25519KeyPair;

/**
 * Derives an {@link AccountId} from a public identity key: the first 20 bytes of
 * SHA-256({@value #DOMAIN} ‖ identity key), in lowercase RFC 4648 base32 — 32 characters from
 * {@code a-z2-7}, no padding. The domain label keeps this hash apart from every other hash of the
 * same key; 160 bits keep ids collision-free for any realistic number of accounts. The id is a
 * name for an account, not a proof: identities are verified with {@link SafetyNumbers}.
 */
public final class AccountIds {

    static final String DOMAIN = "WakuChat/account-id/v1";
    private static final int ID_BYTES = 20;

    private AccountIds() {
    }

    public static AccountId of(byte[] identityKey) {
        if (identityKey == null || identityKey.length != X25519KeyPair.KEY_LENGTH) {
            throw new IllegalArgumentException("identity keys are 32 bytes");
        }
        byte[] hash = Crypto.sha256(DOMAIN.getBytes(StandardCharsets.US_ASCII), identityKey);
        String base32 = Base32.toBase32String(Arrays.copyOf(hash, ID_BYTES));
        return new AccountId(base32.toLowerCase(Locale.ROOT));
    }
}

package org.wakuchat.core.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.Payload;

/** How values are laid out in messages.db cells and columns; reading refuses anything malformed. */
final class ValueCodec {

    private ValueCodec() {
    }

    static byte[] encodePayload(Payload payload) {
        byte[] body = payload.body();
        return ByteBuffer.allocate(Integer.BYTES + body.length).putInt(payload.type()).put(body).array();
    }

    static Payload decodePayload(byte[] plaintext) {
        if (plaintext.length < Integer.BYTES) {
            throw new StorageException("A message payload in messages.db is too short to be valid.");
        }
        int type = ByteBuffer.wrap(plaintext).getInt();
        if (type <= 0) {
            throw new StorageException("A message payload in messages.db has an invalid type " + type + ".");
        }
        return new Payload(type, Arrays.copyOfRange(plaintext, Integer.BYTES, plaintext.length));
    }

    static DeliveryState state(String name) {
        try {
            return DeliveryState.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new StorageException("A message in messages.db has an unknown delivery state '" + name + "'.");
        }
    }

    /** A failed message's reason; null (none saved, e.g. failed before reasons were kept) is empty. */
    static Optional<DeliveryFailure> failure(String name, DeliveryState state) {
        if (name == null) {
            return Optional.empty();
        }
        if (state != DeliveryState.FAILED) {
            throw new StorageException("A message in messages.db has a failure reason but is " + state + ".");
        }
        try {
            return Optional.of(DeliveryFailure.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            throw new StorageException("A message in messages.db has an unknown failure reason '" + name + "'.");
        }
    }

    static Instant instant(String text, String column) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException invalid) {
            throw new StorageException("messages.db has an invalid time in " + column + ": '" + text + "'.");
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** An optional text as one sealed value, so that even its presence is authenticated. */
    static byte[] optionalText(Optional<String> text) {
        return text.map(t -> ByteBuffer.allocate(1 + utf8(t).length).put((byte) 1).put(utf8(t)).array())
                .orElse(new byte[] {0});
    }

    static Optional<String> readOptionalText(byte[] encoded) {
        if (encoded.length == 0 || encoded[0] > 1 || (encoded[0] == 0 && encoded.length > 1)) {
            throw new StorageException("A nickname in messages.db is not validly encoded.");
        }
        return encoded[0] == 0 ? Optional.empty() : Optional.of(text(Arrays.copyOfRange(encoded, 1, encoded.length)));
    }
}

package org.wakuchat.core.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Objects;
import org.wakuchat.core.transport.proto.WakuMessageProto;

/**
 * The protobuf wire form of a {@link WakuMessage} (14/WAKU2-MESSAGE, {@code waku/message.proto}).
 *
 * <p>Optional fields are written only when they carry something (version ≠ 0, timestamp ≠ 0,
 * non-empty meta and proof, ephemeral true), so absent and default read back the same. The version
 * is a protobuf uint32: a negative {@code int} stands for a value above 2^31 and round-trips.
 */
public final class WakuMessages {

    private WakuMessages() {
    }

    public static byte[] encode(WakuMessage message) {
        Objects.requireNonNull(message, "message");
        var proto = WakuMessageProto.WakuMessage.newBuilder()
                .setPayload(ByteString.copyFrom(message.payload()))
                .setContentTopic(message.contentTopic().toString());
        if (message.version() != 0) {
            proto.setVersion(message.version());
        }
        if (message.timestampNanos() != 0) {
            proto.setTimestamp(message.timestampNanos());
        }
        if (message.meta().length > 0) {
            proto.setMeta(ByteString.copyFrom(message.meta()));
        }
        if (message.proof().length > 0) {
            proto.setProof(ByteString.copyFrom(message.proof()));
        }
        if (message.ephemeral()) {
            proto.setEphemeral(true);
        }
        return proto.build().toByteArray();
    }

    /** @throws InvalidWakuMessageException when the bytes are not a valid Waku message, saying why */
    public static WakuMessage decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        WakuMessageProto.WakuMessage proto;
        try {
            proto = WakuMessageProto.WakuMessage.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidWakuMessageException("not a Waku message protobuf (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        if (proto.getMeta().size() > 64) {
            throw new InvalidWakuMessageException("Waku message meta is " + proto.getMeta().size() + " bytes, at most 64 allowed");
        }
        ContentTopic topic;
        try {
            topic = ContentTopic.parse(proto.getContentTopic());
        } catch (IllegalArgumentException e) {
            throw new InvalidWakuMessageException("Waku message has an invalid content topic: " + e.getMessage(), e);
        }
        return new WakuMessage(proto.getPayload().toByteArray(), topic, proto.getVersion(), proto.getTimestamp(),
                proto.getMeta().toByteArray(), proto.getProof().toByteArray(), proto.getEphemeral());
    }
}

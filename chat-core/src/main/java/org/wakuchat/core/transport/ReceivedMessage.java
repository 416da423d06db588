package org.wakuchat.core.transport;

/** A Waku message as it arrived from relay or Store, with the topic it travelled on and its hash. */
public record ReceivedMessage(PubsubTopic pubsubTopic, MessageHash hash, WakuMessage message) {
}

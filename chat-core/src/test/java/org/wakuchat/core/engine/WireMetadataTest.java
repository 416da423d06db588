package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.session.Envelopes;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;
import org.wakuchat.core.wire.Envelope;

/**
 * What a network observer or a Store node sees of a conversation (issue #14, finding 5): payload
 * lengths come from a few buckets, so an acknowledgement cannot be told from a typical text by its
 * size, and Waku timestamps are whole seconds. Prints the measured payload lengths.
 */
class WireMetadataTest {

    @TempDir
    Path folder;
    SimulatedPeople people;
    ChatEngine alice;
    ChatEngine bob;
    Conversation aliceSide;
    int sessionStartPayload;
    int sessionStartWire;

    @BeforeEach
    void twoPeopleInAnEstablishedSession() throws Exception {
        people = new SimulatedPeople(folder, 51);
        alice = people.create("Alice");
        bob = people.create("Bob");
        aliceSide = alice.acceptInvite(bob.currentInvite().link());
        people.run(Duration.ofMillis(1234));
        int before = people.published("Alice").size();
        ChatMessage first = alice.sendText(aliceSide.id(), text(100));
        people.runUntil(() -> SessionStartReplayTest.state(alice, first) == DeliveryState.DELIVERED);
        WakuMessage start = people.published("Alice").get(before);
        assertThat(envelope(start).hasPrekey()).isTrue();
        sessionStartPayload = start.payload().length;
        sessionStartWire = WakuMessages.encode(start).length;
        Conversation bobSide = bob.conversations().getFirst();
        // A few turns each way, as the bandwidth benchmark does: the steady state of a chat.
        for (int i = 0; i < 4; i++) {
            ChatEngine from = i % 2 == 0 ? bob : alice;
            ChatMessage warmUp = from.sendText(from == bob ? bobSide.id() : aliceSide.id(), text(100));
            people.runUntil(() -> SessionStartReplayTest.state(from, warmUp) == DeliveryState.DELIVERED);
        }
        people.run(Duration.ofSeconds(10));
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void anAcknowledgementIsAsLargeAsAShortReplyATypicalTextOneBucketMore() {
        Exchange typical = exchange(100);
        Exchange shortAfterOwn = exchange(1);
        Exchange longText = exchange(1000);
        // A short reply: Bob writes, Alice answers with one character.
        Conversation bobSide = bob.conversations().getFirst();
        ChatMessage fromBob = bob.sendText(bobSide.id(), text(100));
        people.runUntil(() -> SessionStartReplayTest.state(bob, fromBob) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(10));
        Exchange shortReply = exchange(1);
        System.out.printf("payload bytes (WakuMessage bytes): session start %d (%d), ack %d (%d), 1-char reply %d (%d),"
                        + " 1-char text after her own %d (%d), 100-char text %d (%d), 1000-char text %d (%d)%n",
                sessionStartPayload, sessionStartWire, typical.ack.payload().length, WakuMessages.encode(typical.ack).length,
                shortReply.text.payload().length, WakuMessages.encode(shortReply.text).length,
                shortAfterOwn.text.payload().length, WakuMessages.encode(shortAfterOwn.text).length,
                typical.text.payload().length, WakuMessages.encode(typical.text).length,
                longText.text.payload().length, WakuMessages.encode(longText.text).length);

        assertThat(envelope(typical.ack).hasRatchet()).isTrue();
        // Same padding bucket (128, issue 16); the ratchet header's counters vary by a few bytes.
        assertThat(shortReply.text.payload().length).as("1-character reply vs ack")
                .isBetween(typical.ack.payload().length - 8, typical.ack.payload().length + 8);
        assertThat(typical.text.payload().length - typical.ack.payload().length).as("100-character text: one bucket more")
                .isBetween(120, 136);
        assertThat(shortReply.ack.payload().length).isEqualTo(typical.ack.payload().length);
        assertThat(longText.text.payload().length).as("a long text still takes a larger bucket")
                .isGreaterThan(typical.text.payload().length);
        // Salted and padded (wire version 2), a typical text still fits the 400-byte budget.
        assertThat(WakuMessages.encode(typical.text).length).isLessThanOrEqualTo(400);
    }

    @Test
    void everyWakuTimestampOnTheWireIsAWholeSecondCloseToTheClock() {
        people.run(Duration.ofMillis(777));
        Instant sentAt = people.clock.now();
        assertThat(sentAt.getNano()).isNotZero();
        Exchange exchange = exchange(100);
        for (WakuMessage message : List.of(exchange.text, exchange.ack)) {
            assertThat(message.timestampNanos() % TimeUnit.SECONDS.toNanos(1)).as("sub-second part").isZero();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(message.timestampNanos());
            assertThat(seconds).isBetween(sentAt.getEpochSecond() - 1, sentAt.getEpochSecond() + 5);
        }
        assertThat(people.published("Alice")).allSatisfy(m -> assertThat(m.timestampNanos() % 1_000_000_000L).isZero());
        assertThat(people.published("Bob")).allSatisfy(m -> assertThat(m.timestampNanos() % 1_000_000_000L).isZero());
        // "Sent at" shown to the reader comes from the encrypted content, to the millisecond.
        ChatMessage received = bob.messages(bob.conversations().getFirst().id(), 0, 100).getLast();
        assertThat(received.sentAt()).isEqualTo(sentAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void storeQueriesAskForWholeSecondWindowsAndStillCatchUp() throws Exception {
        bob.close();
        people.run(Duration.ofMillis(61_333));
        ChatMessage whileAway = alice.sendText(aliceSide.id(), text(100));
        people.run(Duration.ofMillis(20_444));
        assertThat(people.clock.now().getNano()).isNotZero();
        ChatEngine back = people.unlock("Bob");
        people.runUntil(() -> SessionStartReplayTest.state(alice, whileAway) == DeliveryState.DELIVERED);
        assertThat(people.queries("Bob")).isNotEmpty().allSatisfy(query -> {
            assertThat(query.timeStartNanos().orElseThrow() % 1_000_000_000L).isZero();
            assertThat(query.timeEndNanos().orElseThrow() % 1_000_000_000L).isZero();
        });
        assertThat(back.messages(back.conversations().getFirst().id(), 0, 100))
                .anySatisfy(m -> assertThat(m.id()).isEqualTo(whileAway.id()));
    }

    /** Alice sends a text; returns it as published and Bob's acknowledgement of it. */
    private Exchange exchange(int chars) {
        int aliceBefore = people.published("Alice").size();
        int bobBefore = people.published("Bob").size();
        ChatMessage message = alice.sendText(aliceSide.id(), text(chars));
        people.runUntil(() -> SessionStartReplayTest.state(alice, message) == DeliveryState.DELIVERED);
        people.run(Duration.ofSeconds(10));
        List<WakuMessage> fromAlice = people.published("Alice").subList(aliceBefore, people.published("Alice").size());
        List<WakuMessage> fromBob = people.published("Bob").subList(bobBefore, people.published("Bob").size());
        assertThat(fromAlice).as("Alice published the text once").hasSize(1);
        assertThat(fromBob).as("Bob published one acknowledgement").hasSize(1);
        return new Exchange(fromAlice.getFirst(), fromBob.getFirst());
    }

    private record Exchange(WakuMessage text, WakuMessage ack) {
    }

    private static String text(int chars) {
        var text = new StringBuilder(chars);
        var random = new java.util.Random(chars);
        while (text.length() < chars) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static Envelope envelope(WakuMessage message) {
        try {
            return Envelopes.parse(message.payload());
        } catch (org.wakuchat.core.session.SessionException e) {
            throw new AssertionError(e);
        }
    }
}

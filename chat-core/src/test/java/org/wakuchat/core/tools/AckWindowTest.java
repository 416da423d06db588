package org.wakuchat.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.transport.WakuMessage;
import org.wakuchat.core.transport.WakuMessages;

/**
 * Acknowledgements wait {@link DeliveryPolicy#ackWindow} for a reply to carry them while the
 * receiver is in the conversation (issue 16): a
 * reply within the window confirms with no acknowledgement of its own, no reply means one
 * acknowledgement when the window ends, and a resend (the first acknowledgement was lost) is
 * confirmed at once. Virtual time, healthy links (10–50 ms).
 */
class AckWindowTest {

    private static final Duration WINDOW = DeliveryPolicy.DEFAULT.ackWindow();

    @TempDir
    Path folder;

    private final List<WakuMessage> bobPublished = new ArrayList<>();

    @Test
    void aReplyWithinTheWindowCarriesTheAcknowledgement() {
        try (var world = world()) {
            var pair = established(world);
            ChatMessage hello = pair.alice.engine().sendText(pair.id, "hello Bob");
            world.clock.runFor(WINDOW.dividedBy(2));
            assertThat(BandwidthBenchmark.delivered(pair.alice, hello)).as("not confirmed before a reply").isFalse();
            pair.bob.engine().sendText(pair.id, "hi Alice");
            world.clock.runFor(WINDOW.plusSeconds(1));

            assertThat(BandwidthBenchmark.delivered(pair.alice, hello)).isTrue();
            assertThat(bobPublished).as("Bob's reply and nothing else").hasSize(1);
        }
    }

    @Test
    void withoutAReplyOneAcknowledgementGoesWhenTheWindowEndsAndCoversEveryMessage() {
        try (var world = world()) {
            var pair = established(world);
            ChatMessage first = pair.alice.engine().sendText(pair.id, "one");
            world.clock.runFor(Duration.ofMillis(500));
            ChatMessage second = pair.alice.engine().sendText(pair.id, "two");
            world.clock.runFor(WINDOW.minusMillis(700));
            assertThat(bobPublished).as("within the window").isEmpty();
            assertThat(BandwidthBenchmark.delivered(pair.alice, first)).isFalse();

            world.clock.runFor(Duration.ofSeconds(1));
            assertThat(bobPublished).as("one acknowledgement for both").hasSize(1);
            assertThat(BandwidthBenchmark.delivered(pair.alice, first)).isTrue();
            assertThat(BandwidthBenchmark.delivered(pair.alice, second)).isTrue();
            world.clock.runFor(DeliveryPolicy.DEFAULT.firstRetry().multipliedBy(3));
            assertThat(bobPublished).as("no resend, so no second acknowledgement").hasSize(1);
        }
    }

    @Test
    void aResendIsConfirmedAtOnceNotAfterAnotherWindow() {
        try (var world = world()) {
            var pair = established(world);
            ChatMessage hello = pair.alice.engine().sendText(pair.id, "hello Bob");
            world.clock.runFor(Duration.ofMillis(500));
            // Bob's acknowledgement (his only publish meanwhile) is lost
            var dropping = new AtomicBoolean(true);
            world.network.dropIf(message -> dropping.get());
            world.clock.runFor(WINDOW);
            assertThat(bobPublished).hasSize(1);
            dropping.set(false);
            assertThat(BandwidthBenchmark.delivered(pair.alice, hello)).isFalse();

            // Alice resends at firstRetry; Bob has the message, so he confirms after the short receipt delay
            Duration toResend = DeliveryPolicy.DEFAULT.firstRetry().minus(WINDOW).minusMillis(500);
            world.clock.runFor(toResend.plus(DeliveryPolicy.DEFAULT.receiptDelay()).plusMillis(300));
            assertThat(BandwidthBenchmark.delivered(pair.alice, hello)).isTrue();
            assertThat(bobPublished).hasSize(2);
            int firstAck = WakuMessages.encode(bobPublished.get(0)).length;
            assertThat(WakuMessages.encode(bobPublished.get(1)).length).as("an acknowledgement's size (± ratchet counters)")
                    .isBetween(firstAck - 8, firstAck + 8);
        }
    }

    @Test
    void someoneWhoHasNotWrittenLatelyConfirmsAfterTheReceiptDelayNotTheWindow() {
        try (var world = world()) {
            var pair = established(world);
            world.clock.runFor(DeliveryPolicy.REPLY_LIKELY_WITHIN.plusMinutes(1));
            bobPublished.clear();
            ChatMessage hello = pair.alice.engine().sendText(pair.id, "are you there?");
            world.clock.runFor(DeliveryPolicy.DEFAULT.receiptDelay().plusMillis(300));

            assertThat(BandwidthBenchmark.delivered(pair.alice, hello)).as("confirmed well before the window ends").isTrue();
            assertThat(bobPublished).as("one acknowledgement").hasSize(1);

            // Once Bob writes again he is in the conversation: the next confirmation waits for a reply.
            pair.bob.engine().sendText(pair.id, "yes");
            world.clock.runFor(Duration.ofSeconds(5));
            bobPublished.clear();
            ChatMessage next = pair.alice.engine().sendText(pair.id, "good");
            world.clock.runFor(DeliveryPolicy.DEFAULT.receiptDelay().plusMillis(300));
            assertThat(BandwidthBenchmark.delivered(pair.alice, next)).as("held for a reply").isFalse();
        }
    }

    @Test
    void theFirstResendMustWaitLongerThanTheAckWindow() {
        assertThatThrownBy(() -> DeliveryPolicy.DEFAULT.withAckWindow(Duration.ofSeconds(4), Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sent twice");
        assertThat(DeliveryPolicy.DEFAULT.firstRetry()).isGreaterThan(DeliveryPolicy.DEFAULT.ackWindow());
        assertThat(new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 3, Duration.ofMillis(150),
                Duration.ofMinutes(2)).ackWindow()).as("the old constructor: no window").isEqualTo(Duration.ofMillis(150));
    }

    private record Pair(World.Person alice, World.Person bob, ConversationId id) {
    }

    private World world() {
        var settings = NetworkSettings.defaults().withConditions(LinkConditions.healthy());
        return new World(folder, 5, settings, DeliveryPolicy.DEFAULT, (who, event) -> { }, (who, message) -> {
            if (who.equals("Bob")) {
                bobPublished.add(message);
            }
        });
    }

    /** Both have written and been confirmed once; nothing in flight; Bob's publishes counted from here. */
    private Pair established(World world) {
        World.Person alice = world.join("Alice");
        World.Person bob = world.join("Bob");
        ConversationId id = world.connect(alice, bob);
        for (World.Person sender : List.of(bob, alice)) {
            ChatMessage hi = sender.engine().sendText(id, "first");
            world.runUntil(() -> BandwidthBenchmark.delivered(sender, hi), Duration.ofMinutes(1));
        }
        world.clock.runFor(Duration.ofSeconds(30));
        bobPublished.clear();
        return new Pair(alice, bob, id);
    }
}

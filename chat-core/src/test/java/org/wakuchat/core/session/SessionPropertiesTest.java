package org.wakuchat.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.session.Parties.bytes;
import static org.wakuchat.core.session.Parties.refusal;
import static org.wakuchat.core.session.Parties.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.wakuchat.core.session.SessionException.Reason;
import org.wakuchat.core.wire.Envelope;

/**
 * Random interleavings of sends both ways with drops, duplicates, reordering and restarts:
 * every delivered message decrypts exactly once to what was sent, every re-delivery is a
 * DUPLICATE that changes nothing.
 */
class SessionPropertiesTest {

    enum Op { ALICE_SENDS, BOB_SENDS, DELIVER_TO_BOB, DELIVER_TO_ALICE, REDELIVER, DROP, RESTART }

    record Step(Op op, int pick) {
    }

    record InFlight(Envelope envelope, String plaintext, boolean toBob) {
    }

    @Property(tries = 150)
    void everyDeliveredMessageDecryptsExactlyOnce(@ForAll("scripts") List<Step> script, @ForAll long seed)
            throws Exception {
        new Conversation(seed).run(script);
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        return Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 1000))
                .as(Step::new).list().ofMaxSize(80);
    }

    private static final class Conversation {
        private final Parties parties;
        private Session alice;
        private Session bob;
        private final List<InFlight> pending = new ArrayList<>();
        private final List<InFlight> delivered = new ArrayList<>();
        private final Set<String> received = new HashSet<>();
        private int sent;

        Conversation(long seed) {
            parties = new Parties(seed);
            alice = parties.initiate(parties.newIdentity(), "Alice");
        }

        void run(List<Step> script) throws Exception {
            for (Step step : script) {
                apply(step);
            }
            while (!pending.isEmpty()) {
                deliver(pending.removeLast());
            }
            assertThat(received).hasSize(delivered.size());
        }

        private void apply(Step step) throws Exception {
            switch (step.op()) {
                case ALICE_SENDS -> send(alice, true);
                case BOB_SENDS -> {
                    if (bob != null) {
                        send(bob, false);
                    }
                }
                case DELIVER_TO_BOB -> deliverOne(true, step.pick());
                case DELIVER_TO_ALICE -> deliverOne(false, step.pick());
                case REDELIVER -> {
                    if (!delivered.isEmpty()) {
                        redeliver(delivered.get(step.pick() % delivered.size()));
                    }
                }
                case DROP -> {
                    if (!pending.isEmpty()) {
                        pending.remove(step.pick() % pending.size());
                    }
                }
                case RESTART -> restart(step.pick() % 2 == 0);
            }
        }

        private void send(Session sender, boolean toBob) {
            String plaintext = (toBob ? "a" : "b") + sent++;
            boolean unconfirmedInitiator = sender.isInitiator() && !sender.confirmed();
            Envelope envelope = sender.encrypt(bytes(plaintext));
            assertThat(envelope.hasPrekey()).isEqualTo(unconfirmedInitiator);
            pending.add(new InFlight(envelope, plaintext, toBob));
        }

        private void deliverOne(boolean toBob, int pick) throws Exception {
            List<InFlight> candidates = pending.stream().filter(message -> message.toBob() == toBob).toList();
            if (!candidates.isEmpty()) {
                InFlight message = candidates.get(pick % candidates.size());
                pending.remove(message);
                deliver(message);
            }
        }

        private void deliver(InFlight message) throws Exception {
            Envelope onTheWire = Envelopes.parse(message.envelope().toByteArray());
            byte[] plaintext;
            if (message.toBob() && bob == null) {
                IncomingSession incoming = parties.accept(onTheWire);
                assertThat(incoming.theirDisplayName()).isEqualTo("Alice");
                bob = incoming.session();
                plaintext = incoming.plaintext();
            } else {
                plaintext = receiver(message).decrypt(onTheWire);
            }
            assertThat(text(plaintext)).isEqualTo(message.plaintext());
            assertThat(received.add(message.plaintext())).as("decrypted once: %s", message.plaintext()).isTrue();
            delivered.add(message);
        }

        private void redeliver(InFlight message) {
            Session receiver = receiver(message);
            byte[] before = receiver.serialize();
            assertThat(refusal(() -> receiver.decrypt(message.envelope()))).isEqualTo(Reason.DUPLICATE);
            assertThat(receiver.serialize()).isEqualTo(before);
        }

        private Session receiver(InFlight message) {
            return message.toBob() ? bob : alice;
        }

        private void restart(boolean restartAlice) throws SessionException {
            if (restartAlice) {
                alice = parties.reload(alice);
            } else if (bob != null) {
                bob = parties.reload(bob);
            }
        }
    }
}

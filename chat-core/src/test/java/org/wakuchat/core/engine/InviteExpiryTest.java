package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryFailure;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.crypto.X25519KeyPair;
import org.wakuchat.core.invite.InviteCodec;
import org.wakuchat.core.invite.InviteData;
import org.wakuchat.core.invite.PreKey;
import org.wakuchat.core.session.Session;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.store.SecretStore;
import org.wakuchat.core.store.Storage;
import org.wakuchat.core.transport.WakuMessage;

/**
 * Invite expiry is enforced by the inviter (issue #14, finding 1): an invite's expiry is not
 * protected (its checksum is unkeyed), so a prekey past its expiry plus grace is refused whatever
 * the invite said, stale prekeys are deleted on unlock and by a timer, and a new invite can revoke
 * the older ones. The sender's message then fails with the reason.
 */
class InviteExpiryTest {

    private static final Duration LIFETIME = EngineConfig.DEFAULT_INVITE_VALIDITY.plus(PreKey.RETENTION_GRACE);

    @TempDir
    Path folder;
    SimulatedPeople people;

    @BeforeEach
    void network() {
        people = new SimulatedPeople(folder, 31);
    }

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void aStalePrekeyIsRefusedEvenWhileStillStoredAndDeletedOnUnlock() {
        var secrets = new MemorySecrets();
        var now = new AtomicReference<>(Instant.parse("2026-11-01T00:00:00Z"));
        SecureRandom random = new SecureRandom();
        KeyRing ring = KeyRing.create(secrets, "Alice", now::get, random);
        PreKeyRecord prekey = ring.newPrekey(now.get(), EngineConfig.DEFAULT_INVITE_VALIDITY, random);
        Instant retainUntil = Instant.ofEpochMilli(prekey.getExpiresAtMs()).plus(PreKey.RETENTION_GRACE);

        now.set(retainUntil);
        assertThat(ring.prekey(prekey.getId())).as("last moment of the grace period").isPresent();
        now.set(retainUntil.plusMillis(1));
        assertThat(ring.prekey(prekey.getId())).as("just after the grace period").isEmpty();
        assertThat(secrets.all("prekey")).as("not deleted yet: no new invite was made").hasSize(1);

        KeyRing unlocked = KeyRing.load(secrets, now::get);
        assertThat(secrets.all("prekey")).as("after unlock").isEmpty();
        assertThat(unlocked.prekey(prekey.getId())).isEmpty();
    }

    @Test
    void anInviteEditedToLookFreshIsRefusedByTheInviterAndTheSenderIsToldWhy() throws Exception {
        ChatEngine alice = people.create("Alice");
        String link = alice.currentInvite().link();
        InviteData original = InviteCodec.decode(link, people.clock.now());
        people.run(Duration.ofDays(60));

        ChatEngine bob = people.create("Bob");
        InviteData fresh = new InviteData(original.version(), original.identityKey(), original.preKeyId(),
                original.preKeyPublic(), people.clock.now().plus(Duration.ofDays(7)), original.displayName());
        Conversation withAlice = bob.acceptInvite(InviteCodec.encode(fresh).link());
        int alicePublished = people.publishes("Alice").get();
        ChatMessage hello = bob.sendText(withAlice.id(), "an invite from 60 days ago");

        people.runUntil(() -> message(bob, hello).state() == DeliveryState.FAILED, Duration.ofHours(2));
        assertThat(message(bob, hello).failure()).contains(DeliveryFailure.NO_ANSWER_TO_INVITE);
        assertThat(alice.conversations()).isEmpty();
        assertThat(people.publishes("Alice").get()).isEqualTo(alicePublished);
    }

    @Test
    void aSessionStartWithAGenuinelyExpiredInviteIsRefusedByTheInviter() throws Exception {
        ChatEngine alice = people.create("Alice");
        InviteData invite = InviteCodec.decode(alice.currentInvite().link(), people.clock.now());
        people.run(LIFETIME.plusMinutes(5));
        int alicePublished = people.publishes("Alice").get();

        // A client that does not check the expiry itself.
        publishSessionStart(invite, "late");
        people.run(Duration.ofMinutes(1));

        assertThat(alice.conversations()).isEmpty();
        assertThat(people.publishes("Alice").get()).isEqualTo(alicePublished);
    }

    @Test
    void aFirstMessageHeldBackPastTheGracePeriodFailsAsInviteExpiredWithoutBeingSent() throws Exception {
        ChatEngine alice = people.create("Alice");
        ChatEngine bob = people.create("Bob");
        SimulatedNode bobNode = people.lastNode();
        Conversation withAlice = bob.acceptInvite(alice.currentInvite().link());
        people.network.setOnline(bobNode, false);
        people.runUntil(() -> bob.status().state() == org.wakuchat.core.EngineStatus.State.OFFLINE);
        ChatMessage hello = bob.sendText(withAlice.id(), "typed offline");
        people.run(LIFETIME.plusMinutes(5));
        int bobPublished = people.publishes("Bob").get();

        people.network.setOnline(bobNode, true);
        people.runUntil(() -> message(bob, hello).state() == DeliveryState.FAILED);
        assertThat(message(bob, hello).failure()).contains(DeliveryFailure.INVITE_EXPIRED);
        assertThat(people.publishes("Bob").get()).isEqualTo(bobPublished);
        assertThat(alice.conversations()).isEmpty();
    }

    @Test
    void aStalePrekeyIsDeletedByTheTimerWhileTheEngineRuns() throws Exception {
        ChatEngine alice = people.create("Alice");
        int prekeyId = InviteCodec.decode(alice.currentInvite().link(), people.clock.now()).preKeyId();
        people.run(LIFETIME.plusMinutes(5));
        alice.close();

        try (Storage storage = Storage.open(folder.resolve("Alice"), SimulatedPeople.passphrase("Alice"))) {
            assertThat(storage.secrets().get("prekey", Integer.toUnsignedString(prekeyId))).isEmpty();
        }
    }

    @Test
    void aNewInviteCanRevokeTheOlderOnes() throws Exception {
        ChatEngine alice = people.create("Alice");
        InviteData first = InviteCodec.decode(alice.currentInvite().link(), people.clock.now());
        InviteData second = InviteCodec.decode(alice.rotateInvite(false).link(), people.clock.now());
        InviteData third = InviteCodec.decode(alice.rotateInvite(true).link(), people.clock.now());

        publishSessionStart(first, "first");
        publishSessionStart(second, "second");
        people.run(Duration.ofSeconds(10));
        assertThat(alice.conversations()).as("older invites, revoked").isEmpty();

        publishSessionStart(third, "third");
        people.runUntil(() -> alice.conversations().size() == 1);
        assertThat(alice.conversations()).extracting(Conversation::displayName).containsExactly("third");
    }

    /** A session start from a new person with the invite's keys, published straight to the inbox. */
    private void publishSessionStart(InviteData invite, String name) {
        SecureRandom random = new SecureRandom();
        Session session = Session.initiate(X25519KeyPair.generate(random), name, invite.identityKey(),
                invite.preKeyId(), invite.preKeyPublic(), random);
        byte[] payload = session.encrypt("hello".getBytes(StandardCharsets.UTF_8)).toByteArray();
        SimulatedNode sender = people.network.addNode("sender-" + name);
        sender.start();
        people.run(Duration.ofSeconds(2));
        sender.publish(WakuMessage.of(payload, Topics.inbox(invite.identityKey()),
                people.clock.now().toEpochMilli() * 1_000_000));
    }

    private static ChatMessage message(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id()))
                .findFirst().orElseThrow();
    }

    static final class MemorySecrets implements SecretStore {
        private final Map<String, Map<String, byte[]>> kinds = new HashMap<>();

        @Override
        public void put(String kind, String key, byte[] value) {
            kinds.computeIfAbsent(kind, k -> new HashMap<>()).put(key, value.clone());
        }

        @Override
        public Optional<byte[]> get(String kind, String key) {
            return Optional.ofNullable(kinds.getOrDefault(kind, Map.of()).get(key)).map(byte[]::clone);
        }

        @Override
        public Map<String, byte[]> all(String kind) {
            return Map.copyOf(kinds.getOrDefault(kind, Map.of()));
        }

        @Override
        public void delete(String kind, String key) {
            kinds.getOrDefault(kind, new HashMap<>()).remove(key);
        }

        @Override
        public void inTransaction(Runnable work) {
            work.run();
        }
    }
}

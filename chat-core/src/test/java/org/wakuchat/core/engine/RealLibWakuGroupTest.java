package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wakuchat.core.engine.RealNetwork.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.tools.GroupJoins;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.engine.RealNetwork.Person;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.transport.LibWakuNode;
import org.wakuchat.core.transport.NetworkConfig;

/**
 * A private group of three engines on real nwaku nodes on 127.0.0.1 (one hub with Store, private
 * cluster, no RLN): create, chat delivered to 2 of 2, a second admin who is not everyone's contact
 * renames and removes (its changes reach the member it has no session with in a broadcast), the
 * other two go on and the removed one's device, still running, shows nothing sent after.
 */
@Tag("libwaku")
class RealLibWakuGroupTest {

    @TempDir
    Path folder;

    @Test
    void threeEnginesMakeAGroupASecondAdminChangesItForAMemberItHasNoSessionWithAndTheOtherTwoContinue() throws Exception {
        try (var net = RealNetwork.orSkip(folder)) {
            LibWakuNode hub = net.storeNode("hub");
            String address = RealNetwork.multiaddr(hub);
            NetworkConfig viaHub = RealNetwork.loopback(0).withBootstrapPeers(List.of(address))
                    .withStoreNodes(List.of(address));
            Person alice = net.person("Alice", viaHub, c -> c);
            Person bob = net.person("Bob", viaHub, c -> c);
            Person carol = net.person("Carol", viaHub, c -> c);
            alice.create();
            bob.create();
            carol.create();
            alice.awaitConnected();
            bob.awaitConnected();
            carol.awaitConnected();
            ConversationId withBob = introduce(alice, bob);
            ConversationId withCarol = introduce(alice, carol);

            ConversationId group = alice.engine().createGroup("Real group", List.of(withBob, withCarol)).id();
            await("Bob and Carol joined", () -> joinedEverywhere(group, alice, bob, carol));

            ChatMessage hello = alice.engine().sendText(group, "hello group over nwaku");
            await("delivered to 2 of 2", () -> state(alice, group, hello) == DeliveryState.DELIVERED);
            GroupDelivery delivery = alice.engine().groupDelivery(hello.id());
            assertThat(delivery.deliveredTo()).containsExactlyInAnyOrder(bob.engine().account().id(),
                    carol.engine().account().id());
            assertThat(bob.texts(group)).containsExactly("hello group over nwaku");
            assertThat(carol.texts(group)).containsExactly("hello group over nwaku");

            // Alice makes Bob an admin. Bob and Carol have no 1:1 session: his changes reach her in a
            // broadcast on the group topic, the epoch secret sealed to her wrap key.
            alice.engine().setGroupRole(group, bob.engine().account().id(), org.wakuchat.core.group.GroupRole.ADMIN);
            await("Bob is admin", () -> bob.engine().group(group).iAmAdmin()
                    && carol.engine().group(group).epoch() == alice.engine().group(group).epoch());
            bob.engine().renameGroup(group, "Renamed by Bob");
            await("Carol sees Bob's rename", () -> carol.engine().group(group).name().equals("Renamed by Bob")
                    && carol.engine().group(group).epoch() == bob.engine().group(group).epoch()
                    && alice.engine().group(group).epoch() == bob.engine().group(group).epoch());
            ChatMessage renamed = carol.engine().sendText(group, "nice name");
            await("Carol's text in the new epoch delivered to 2 of 2", () -> state(carol, group, renamed) == DeliveryState.DELIVERED);

            bob.engine().removeFromGroup(group, carol.engine().account().id());
            await("Carol removed everywhere", () -> !carol.engine().group(group).member()
                    && bob.engine().group(group).members().size() == 2
                    && bob.engine().group(group).epoch() == alice.engine().group(group).epoch());
            ChatMessage after = bob.engine().sendText(group, "just the two of us");
            ChatMessage answer = alice.engine().sendText(group, "indeed");
            await("both delivered", () -> state(bob, group, after) == DeliveryState.DELIVERED
                    && state(alice, group, answer) == DeliveryState.DELIVERED);
            assertThat(alice.engine().groupDelivery(answer.id()).deliveredTo())
                    .containsExactly(bob.engine().account().id());
            assertThat(alice.texts(group)).containsExactly("hello group over nwaku", "nice name", "just the two of us", "indeed");
            assertThat(bob.texts(group)).containsExactly("hello group over nwaku", "nice name", "just the two of us", "indeed");
            Thread.sleep(3000);
            assertThat(carol.texts(group)).containsExactly("hello group over nwaku", "nice name");
            assertThat(carol.engine().group(group).members()).extracting(GroupMember::name).containsExactly("Alice", "Bob");
            assertThat(carol.engine().groupHistory(group).getLast().kind()).isEqualTo(GroupHistoryEntry.Kind.REMOVED);
        }
    }

    private static boolean joinedEverywhere(ConversationId group, Person... people) {
        for (Person p : people) {
            if (GroupJoins.joinedCount(p.engine(), group) != 2) {
                return false;
            }
        }
        return true;
    }

    private static ConversationId introduce(Person alice, Person other) throws Exception {
        ConversationId chat = other.engine().acceptInvite(alice.engine().currentInvite().link()).id();
        other.engine().sendText(chat, "hello Alice");
        await(other.name + "'s first message read", () -> alice.texts(chat).equals(List.of("hello Alice")));
        ChatMessage back = alice.engine().sendText(chat, "hello " + other.name);
        await("Alice's answer delivered", () -> state(alice, chat, back) == DeliveryState.DELIVERED);
        return chat;
    }

    private static DeliveryState state(Person person, ConversationId chat, ChatMessage message) {
        return person.messages(chat).stream().filter(m -> m.id().equals(message.id())).findFirst().orElseThrow().state();
    }
}

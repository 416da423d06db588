package org.wakuchat.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.invite.InviteCodec;
import org.wakuchat.core.invite.InviteData;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportExport;
import org.wakuchat.core.report.ReportPeriod;
import org.wakuchat.core.report.ReportQuery;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.SimulatedNode;
import org.wakuchat.core.transport.ContentTopic;

/**
 * An export a user attaches to a bug report holds no content: three accounts chat (with a lost
 * message, a catch-up and a restart, so that every kind of event is in the log), then each
 * one's export — JSON and every CSV table, overall and per contact — is searched for every
 * name, text, content topic, key, invite, id and node name of the three.
 */
class ReportExportPrivacyTest {

    private static final List<String> NAMES = List.of("Alice Liddell", "Bob Marley", "Carol Danvers");

    @TempDir
    Path folder;
    SimulatedPeople people;

    @AfterEach
    void shutDown() {
        people.close();
    }

    @Test
    void anExportHoldsNoNamesTextsTopicsKeysOrIds() throws Exception {
        people = new SimulatedPeople(folder, 31);
        List<ChatEngine> engines = new ArrayList<>();
        List<SimulatedNode> nodes = new ArrayList<>();
        List<Invite> invites = new ArrayList<>();
        for (String name : NAMES) {
            engines.add(people.started(new LocalAccounts(people.config(name)
                    .withInviteNetwork(InviteNetwork.of(42, List.of())))
                    .create(name, SimulatedPeople.passphrase(name))));
            nodes.add(people.lastNode());
        }
        ChatEngine alice = engines.get(0);
        ChatEngine bob = engines.get(1);
        ChatEngine carol = engines.get(2);
        for (ChatEngine e : engines) {
            invites.add(e.currentInvite());
        }
        Conversation bobWithAlice = bob.acceptInvite(invites.get(0).link());
        Conversation carolWithAlice = carol.acceptInvite(invites.get(0).link());
        Conversation carolWithBob = carol.acceptInvite(invites.get(1).link());
        List<String> texts = new ArrayList<>();
        List<ChatMessage> sent = new ArrayList<>();
        send(bob, bobWithAlice, "Meet me at the old mill at nine", texts, sent);
        send(carol, carolWithAlice, "The password is swordfish", texts, sent);
        send(carol, carolWithBob, "Bring the blue folder", texts, sent);
        people.runUntil(() -> delivered(sent));
        Conversation aliceWithBob = conversationWith(alice, bob);
        send(alice, aliceWithBob, "Sure, see you by the river", texts, sent);
        // A message lost on the link (recovered from Store), to put missing-message events in the log.
        people.network.setLinkConditions(nodes.get(1), nodes.get(0), LinkConditions.healthy().withLossRate(1.0));
        send(bob, bobWithAlice, "Zebra crossing on Elm street", texts, sent);
        people.run(Duration.ofMillis(200));
        people.network.setLinkConditions(nodes.get(1), nodes.get(0), LinkConditions.healthy());
        send(bob, bobWithAlice, "Did you get my last one?", texts, sent);
        // Alice offline for a while: a catch-up.
        people.network.setOnline(nodes.get(0), false);
        send(carol, carolWithAlice, "Call me when you are back", texts, sent);
        people.run(Duration.ofMinutes(2));
        people.network.setOnline(nodes.get(0), true);
        people.runUntil(() -> delivered(sent), Duration.ofMinutes(10));

        Set<String> secrets = new LinkedHashSet<>();
        secrets.addAll(NAMES);
        NAMES.forEach(n -> secrets.add(n.split(" ")[0]));
        secrets.addAll(texts);
        for (ChatEngine e : engines) {
            addKey(secrets, e.account().identityKey());
            secrets.add(e.account().id().value());
            for (Conversation c : e.conversations()) {
                secrets.add(c.id().value());
                secrets.add(c.contactId().value());
                addKey(secrets, c.contactIdentityKey());
            }
        }
        for (int i = 0; i < invites.size(); i++) {
            Invite invite = invites.get(i);
            secrets.add(invite.link());
            secrets.add(invite.code());
            byte[] otherKey = engines.get((i + 1) % engines.size()).account().identityKey();
            InviteData data = InviteCodec.decode(invite.link(), people.clock.now(), otherKey);
            addKey(secrets, data.preKeyPublic());
        }
        for (SimulatedNode node : people.nodes) {
            secrets.add(node.name());
            for (ContentTopic topic : node.subscriptions()) {
                secrets.add(topic.toString());
                // The topic's own parts (application, and the name part derived from keys).
                for (String part : topic.toString().split("/")) {
                    if (part.length() >= 8) {
                        secrets.add(part);
                    }
                }
            }
        }
        assertThat(secrets).hasSizeGreaterThan(40);

        var about = new ReportExport.About("1.2.3-test", java.util.Optional.of("v0.36.0-114"));
        var random = new Random(7);
        for (ChatEngine e : engines) {
            List<ReliabilityReport> reports = new ArrayList<>();
            reports.add(e.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL)));
            reports.add(e.reliabilityReport(ReportQuery.overall(ReportPeriod.LAST_24_HOURS)));
            for (Conversation c : e.conversations()) {
                reports.add(e.reliabilityReport(ReportQuery.forContact(ReportPeriod.ALL, c.id())));
            }
            for (ReliabilityReport report : reports) {
                ReportExport export = ReportExport.of(report, about, random);
                Path json = folder.resolve("export-" + System.nanoTime() + ".json");
                List<Path> files = export.writeTo(json);
                assertThat(files).hasSize(1 + export.csvTables().size());
                StringBuilder everything = new StringBuilder(export.jsonLine()).append('\n');
                for (Path file : files) {
                    everything.append(Files.readString(file)).append('\n');
                }
                String text = everything.toString();
                String lower = text.toLowerCase(Locale.ROOT);
                for (String secret : secrets) {
                    assertThat(lower).as("the export of %s holds no '%s'", report.query(), secret)
                            .doesNotContain(secret.toLowerCase(Locale.ROOT));
                }
                JsonNode tree = new ObjectMapper().readTree(export.json());
                assertThat(tree.path("app").path("clusterId").asInt()).isEqualTo(42);
                List<String> labels = new ArrayList<>();
                tree.path("contacts").forEach(row -> labels.add(row.path("contact").asText()));
                assertThat(labels).allMatch(l -> l.matches("contact-\\d+")).doesNotHaveDuplicates();
            }
        }
        // The export covers what happened: Alice's overall report counts the lost-and-recovered message.
        ReliabilityReport alices = alice.reliabilityReport(ReportQuery.overall(ReportPeriod.ALL));
        assertThat(alices.missed().detected()).isGreaterThanOrEqualTo(1);
        assertThat(alices.contacts()).hasSize(2);
        assertThat(alices.received()).isEqualTo(5);
        // The search finds what it looks for: the report itself (not exported) names conversations by id.
        assertThat(alices.toString().toLowerCase(Locale.ROOT)).contains(aliceWithBob.id().value().toLowerCase(Locale.ROOT));
    }

    private static void addKey(Set<String> secrets, byte[] key) {
        secrets.add(HexFormat.of().formatHex(key));
        secrets.add(Base64.getEncoder().encodeToString(key));
        secrets.add(Base64.getEncoder().withoutPadding().encodeToString(key));
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
    }

    private void send(ChatEngine from, Conversation conversation, String text, List<String> texts, List<ChatMessage> sent) {
        texts.add(text);
        ChatMessage message = from.sendText(conversation.id(), text);
        senders.put(message.id(), from);
        sent.add(message);
        people.run(Duration.ofMillis(300));
    }

    private final java.util.Map<org.wakuchat.core.MessageId, ChatEngine> senders = new java.util.HashMap<>();

    private boolean delivered(List<ChatMessage> sent) {
        return sent.stream().allMatch(m -> senders.get(m.id()).messages(m.conversation(), 0, Integer.MAX_VALUE).stream()
                .anyMatch(x -> x.id().equals(m.id()) && x.state() == DeliveryState.DELIVERED));
    }

    private static Conversation conversationWith(ChatEngine me, ChatEngine them) {
        return me.conversations().stream()
                .filter(c -> java.util.Arrays.equals(c.contactIdentityKey(), them.account().identityKey()))
                .findFirst().orElseThrow();
    }
}

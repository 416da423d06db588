package org.wakuchat.core.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.engine.DeliveryPolicy;
import org.wakuchat.core.engine.EngineConfig;
import org.wakuchat.core.engine.LocalAccounts;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.simulator.LinkConditions;
import org.wakuchat.core.simulator.NetworkSettings;
import org.wakuchat.core.simulator.SimulatedNetwork;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.SystemScheduler;

/**
 * The process {@link CrashTest} kills: Alice and Bob (two data folders) on a real-time simulated
 * network in this JVM. Modes: {@code setup} creates both accounts and their conversation;
 * {@code run} reopens both and sends messages from both sides until killed, logging each id as
 * soon as {@code sendText} returned; {@code settle} reopens both and waits until every logged
 * message is delivered, then exits 0 (3 when it gives up).
 */
public final class CrashChild {

    static final String READY = "ready";
    static final List<String> NAMES = List.of("alice", "bob");
    /** Quick resends: these runs last seconds, and every kill loses what was in flight. */
    static final DeliveryPolicy DELIVERY = new DeliveryPolicy(Duration.ofMillis(300), Duration.ofSeconds(2), 10_000,
            Duration.ofMillis(100), Duration.ofSeconds(30));
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

    private final SystemScheduler scheduler = new SystemScheduler();
    private final SimulatedNetwork network;
    private final Path root;

    private CrashChild(Path root) {
        this.root = root;
        this.network = new SimulatedNetwork(System.nanoTime(), scheduler, NetworkSettings.defaults()
                .withConditions(LinkConditions.healthy().withLossRate(0.05)));
        network.addNode("relay").start();
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        var child = new CrashChild(Path.of(args[1]));
        Path log = Path.of(args[2]);
        int status = switch (mode) {
            case "setup" -> child.setup(log);
            case "run" -> child.run(log);
            case "settle" -> child.settle(log);
            default -> throw new IllegalArgumentException("mode is setup, run or settle: " + mode);
        };
        System.out.flush();
        System.exit(status);
    }

    static EngineConfig config(Path root, String name, java.util.function.Supplier<org.wakuchat.core.transport.WakuNode> node,
                               org.wakuchat.core.time.Scheduler scheduler) {
        return new EngineConfig(root.resolve(name), KdfParams.FAST_FOR_TESTS, node, scheduler, new SecureRandom(),
                DELIVERY, EngineConfig.DEFAULT_INVITE_VALIDITY, Optional.empty());
    }

    static char[] passphrase(String name) {
        return ("crash test passphrase of " + name).toCharArray();
    }

    private LocalAccounts accounts(String name) {
        return new LocalAccounts(config(root, name, () -> network.addNode(name), scheduler));
    }

    private int setup(Path log) throws InviteException, IOException, InterruptedException {
        ChatEngine alice = started(accounts("alice").create("Alice", passphrase("alice")));
        ChatEngine bob = started(accounts("bob").create("Bob", passphrase("bob")));
        ConversationId id = bob.acceptInvite(alice.currentInvite().link()).id();
        ChatMessage hello = bob.sendText(id, "hello Alice");
        append(log, "bob", hello);
        boolean helloArrived = await(() -> state(bob, hello) == DeliveryState.DELIVERED
                && !alice.conversations().isEmpty(), SETTLE_LIMIT);
        ChatMessage reply = alice.sendText(id, "hello Bob");
        append(log, "alice", reply);
        boolean replyArrived = await(() -> state(alice, reply) == DeliveryState.DELIVERED, SETTLE_LIMIT);
        alice.close();
        bob.close();
        return helloArrived && replyArrived ? 0 : 3;
    }

    private int run(Path log) throws IOException, InterruptedException {
        ChatEngine alice = started(accounts("alice").unlock(passphrase("alice")));
        ChatEngine bob = started(accounts("bob").unlock(passphrase("bob")));
        ConversationId id = alice.conversations().getFirst().id();
        System.out.println(READY);
        System.out.flush();
        for (long n = 0; ; n++) {
            boolean fromAlice = n % 2 == 0;
            ChatMessage sent = (fromAlice ? alice : bob).sendText(id, "crash test message " + n);
            append(log, fromAlice ? "alice" : "bob", sent);
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 30));
        }
    }

    private int settle(Path log) throws IOException, InterruptedException {
        ChatEngine alice = started(accounts("alice").unlock(passphrase("alice")));
        ChatEngine bob = started(accounts("bob").unlock(passphrase("bob")));
        List<CrashLog.Entry> logged = CrashLog.read(log);
        ConversationId id = alice.conversations().getFirst().id();
        boolean settled = await(() -> CrashLog.allDelivered(logged, alice.messages(id, 0, Integer.MAX_VALUE),
                bob.messages(id, 0, Integer.MAX_VALUE)), SETTLE_LIMIT);
        alice.close();
        bob.close();
        scheduler.close();
        return settled ? 0 : 3;
    }

    private static ChatEngine started(ChatEngine engine) throws InterruptedException {
        engine.start();
        await(() -> engine.status().state() == EngineStatus.State.CONNECTED, Duration.ofSeconds(30));
        return engine;
    }

    private static void append(Path log, String sender, ChatMessage message) throws IOException {
        Files.writeString(log, sender + " " + message.id().value() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private static DeliveryState state(ChatEngine engine, ChatMessage message) {
        return engine.messages(message.conversation(), 0, Integer.MAX_VALUE).stream()
                .filter(m -> m.id().equals(message.id())).findFirst().map(ChatMessage::state).orElse(null);
    }

    private static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}

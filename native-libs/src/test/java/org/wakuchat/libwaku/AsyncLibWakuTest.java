package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncLibWakuTest {

    private final FakeLibWaku nwaku = new FakeLibWaku();
    private final ExecutorService handOff = Executors.newSingleThreadExecutor(r -> new Thread(r, "hand-off"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CallbackRegistry registry = new CallbackRegistry(handOff, timer);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        nwaku.shutdown();
        handOff.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void creationFailureReportedInCallbackNeverStartsTheNode() throws Exception {
        nwaku.answer("waku_new", FakeLibWaku.Answer.error("failed to bind tcp port 60000: address in use"));

        CompletableFuture<AsyncLibWaku> created = AsyncLibWaku.create(nwaku, registry, "{}", events::add);

        assertThatThrownBy(() -> created.get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(LibWakuCallException.class).hasMessageContaining("address in use");
        awaitCall("waku_destroy");
        assertThat(nwaku.calls).doesNotContain("waku_start", "waku_set_event_callback");
        awaitNoPendingCalls();
    }

    @Test
    void createRegistersEventsWithNonNullUserDataThenStarts() throws Exception {
        AsyncLibWaku node = AsyncLibWaku.create(nwaku, registry, "{\"relay\":true}", events::add).get(5, TimeUnit.SECONDS);
        node.start().get(5, TimeUnit.SECONDS);

        assertThat(nwaku.calls).containsSubsequence("waku_new", "waku_set_event_callback", "waku_start");
        assertThat(nwaku.lastArguments.get("waku_new")).isEqualTo("{\"relay\":true}");
        assertThat(nwaku.eventUserData).isNotNull();

        nwaku.emit("{\"eventType\":\"connection_change\"}");
        awaitEvents(1);
        assertThat(events).containsExactly("{\"eventType\":\"connection_change\"}");
    }

    @Test
    void continuationsThatCallBackIntoNwakuNeverRunInsideItsCallback() throws Exception {
        AsyncLibWaku node = AsyncLibWaku.create(nwaku, registry, "{}", events::add).get(5, TimeUnit.SECONDS);
        nwaku.answer("waku_relay_publish", FakeLibWaku.Answer.ok("0x01"));

        String hash = node.start()
                .thenCompose(started -> node.relaySubscribe("/waku/2/rs/42/0"))
                .thenCompose(subscribed -> node.relayPublish("/waku/2/rs/42/0", "{}", Duration.ofSeconds(5)))
                .get(5, TimeUnit.SECONDS);

        assertThat(hash).isEqualTo("0x01");
        assertThat(nwaku.callsFromInsideCallbacks).isEmpty();
    }

    @Test
    void answersAreParsed() throws Exception {
        nwaku.answer("waku_listen_addresses", FakeLibWaku.Answer.ok("/ip4/127.0.0.1/tcp/60000/p2p/16U, /ip4/10.0.0.2/tcp/60000/p2p/16U"))
                .answer("waku_relay_get_num_connected_peers", FakeLibWaku.Answer.ok("3"))
                .answer("waku_get_my_peerid", FakeLibWaku.Answer.ok("16Uiu2HAm\n"))
                .answer("waku_is_online", FakeLibWaku.Answer.of(FakeLibWaku.Mode.IMMEDIATE, "true"));
        AsyncLibWaku node = AsyncLibWaku.create(nwaku, registry, "{}", events::add).get(5, TimeUnit.SECONDS);

        assertThat(node.listenAddresses().get(5, TimeUnit.SECONDS))
                .containsExactly("/ip4/127.0.0.1/tcp/60000/p2p/16U", "/ip4/10.0.0.2/tcp/60000/p2p/16U");
        assertThat(node.relayConnectedPeers("/waku/2/rs/42/0").get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(node.myPeerId().get(5, TimeUnit.SECONDS)).isEqualTo("16Uiu2HAm");
        assertThat(node.isOnline().get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(node.version().get(5, TimeUnit.SECONDS)).contains("v0.36.0");
    }

    @Test
    void destroyRunsOffTheCallersThreadAndLaterCallsFail() throws Exception {
        AsyncLibWaku node = AsyncLibWaku.create(nwaku, registry, "{}", events::add).get(5, TimeUnit.SECONDS);

        node.destroy().get(5, TimeUnit.SECONDS);

        assertThat(nwaku.calls).contains("waku_destroy");
        assertThatThrownBy(() -> node.start().get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
    }

    @Test
    void publishTimesOutOnItsOwnWhenNwakuStaysSilent() {
        nwaku.answer("waku_relay_publish", FakeLibWaku.Answer.of(FakeLibWaku.Mode.NEVER, ""));
        AsyncLibWaku node = AsyncLibWaku.create(nwaku, registry, "{}", events::add).join();

        CompletableFuture<String> publish = node.relayPublish("/waku/2/rs/42/0", "{}", Duration.ofMillis(50));

        assertThatThrownBy(() -> publish.get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(registry.pendingCount()).isZero();
    }

    private void awaitCall(String function) throws InterruptedException {
        for (int i = 0; i < 500 && !nwaku.calls.contains(function); i++) {
            Thread.sleep(10);
        }
        assertThat(nwaku.calls).contains(function);
    }

    /** The background destroy answers on the hand-off thread, a moment after nwaku saw the call. */
    private void awaitNoPendingCalls() throws InterruptedException {
        for (int i = 0; i < 500 && registry.pendingCount() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(registry.pendingCount()).isZero();
    }

    private void awaitEvents(int count) throws InterruptedException {
        for (int i = 0; i < 500 && events.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(events).hasSize(count);
    }
}

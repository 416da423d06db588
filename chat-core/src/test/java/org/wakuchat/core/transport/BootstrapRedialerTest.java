package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BootstrapRedialerTest {

    private static final List<String> PEERS = List.of("/ip4/10.0.0.1/tcp/60000/p2p/A", "/ip4/10.0.0.2/tcp/60000/p2p/B");

    private final RedialTestScheduler scheduler = new RedialTestScheduler();
    private final List<String> dialled = new ArrayList<>();
    private final AtomicInteger peers = new AtomicInteger();
    private final BootstrapRedialer redialer = new BootstrapRedialer(scheduler, PEERS, dialled::add, peers::get);

    @Test
    void dialsEveryBootstrapPeerAtStart() {
        redialer.start();

        assertThat(dialled).containsExactlyElementsOf(PEERS);
    }

    @Test
    void keepsDiallingWithGrowingPausesWhileNobodyAnswers() {
        redialer.start();
        dialled.clear();

        scheduler.advance(Duration.ofSeconds(1));
        assertThat(dialled).hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(dialled).as("second pause is 2 s").hasSize(2);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(dialled).hasSize(4);
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(dialled).hasSize(6);

        scheduler.advance(Duration.ofHours(1));
        assertThat(redialer.nextDelay()).isEqualTo(BootstrapRedialer.MAX_DELAY);
        int afterAnHour = dialled.size();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(dialled).as("never more often than once a minute").hasSize(afterAnHour + 2);
    }

    @Test
    void stopsOnceConnectedAndStartsOverWhenEveryPeerIsLost() {
        redialer.start();
        peers.set(1);
        redialer.onPeerCount(1);
        dialled.clear();

        scheduler.advance(Duration.ofMinutes(10));
        assertThat(dialled).isEmpty();
        assertThat(scheduler.scheduledCount()).isZero();

        peers.set(0);
        redialer.onPeerCount(0);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(dialled).containsExactlyElementsOf(PEERS);
        assertThat(redialer.nextDelay()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aPeerArrivingBetweenAttemptsEndsTheRetries() {
        redialer.start();
        dialled.clear();
        peers.set(1);

        scheduler.advance(Duration.ofMinutes(5));

        assertThat(dialled).isEmpty();
        assertThat(redialer.nextDelay()).isEqualTo(BootstrapRedialer.FIRST_DELAY);
    }

    @Test
    void stopCancelsEverything() {
        redialer.start();
        redialer.stop();
        dialled.clear();

        scheduler.advance(Duration.ofMinutes(5));
        redialer.onPeerCount(0);
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(dialled).isEmpty();
    }

    @Test
    void withoutBootstrapPeersNothingIsScheduled() {
        BootstrapRedialer none = new BootstrapRedialer(scheduler, List.of(), dialled::add, peers::get);

        none.start();
        none.onPeerCount(0);

        assertThat(scheduler.scheduledCount()).isZero();
    }
}

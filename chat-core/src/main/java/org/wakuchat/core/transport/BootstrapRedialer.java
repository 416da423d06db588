package org.wakuchat.core.transport;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.time.Scheduler;

/**
 * Keeps the node connected: dials the bootstrap peers at start and, while the node has no peer,
 * dials them again with exponential backoff. nwaku itself does not re-dial a node that lost all
 * its peers, and its connect call reports success even for unreachable peers, so "connected" is
 * judged only by the peer count that connection events maintain.
 */
final class BootstrapRedialer {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapRedialer.class);

    private final Scheduler scheduler;
    private final List<String> bootstrapPeers;
    private final Consumer<String> dial;
    private final IntSupplier peerCount;
    private Duration delay = FIRST_DELAY;
    private Scheduler.Cancellable pending;
    private boolean stopped;

    BootstrapRedialer(Scheduler scheduler, List<String> bootstrapPeers, Consumer<String> dial, IntSupplier peerCount) {
        this.scheduler = scheduler;
        this.bootstrapPeers = List.copyOf(bootstrapPeers);
        this.dial = dial;
        this.peerCount = peerCount;
    }

    /** Dials every bootstrap peer now and checks back after the first delay. */
    synchronized void start() {
        stopped = false;
        delay = FIRST_DELAY;
        dialAll();
    }

    /** Called whenever the node's peer count changes. */
    synchronized void onPeerCount(int peers) {
        if (stopped || bootstrapPeers.isEmpty()) {
            return;
        }
        if (peers > 0) {
            cancelPending();
            delay = FIRST_DELAY;
        } else if (pending == null) {
            LOG.info("lost every peer; re-dialling bootstrap peers in {} s", delay.toSeconds());
            schedule();
        }
    }

    synchronized void stop() {
        stopped = true;
        cancelPending();
    }

    /** The wait before the next attempt, for the status line and tests. */
    synchronized Duration nextDelay() {
        return delay;
    }

    private void dialAll() {
        if (stopped || bootstrapPeers.isEmpty()) {
            return;
        }
        bootstrapPeers.forEach(dial);
        schedule();
    }

    private void schedule() {
        Duration wait = delay;
        delay = min(delay.multipliedBy(2), MAX_DELAY);
        pending = scheduler.schedule(wait, this::check);
    }

    private synchronized void check() {
        pending = null;
        if (stopped) {
            return;
        }
        if (peerCount.getAsInt() == 0) {
            dialAll();
        } else {
            delay = FIRST_DELAY;
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

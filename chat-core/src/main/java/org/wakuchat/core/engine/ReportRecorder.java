package org.wakuchat.core.engine;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.report.ReportEvent;
import org.wakuchat.core.store.EventLog;
import org.wakuchat.core.store.StorageException;
import org.wakuchat.core.time.Scheduler;

/**
 * Writes the reliability report's events where they happen. Peer counts are sampled at a
 * bounded rate: a change is written at once unless one was written less than
 * {@link #PEER_SAMPLE_GAP} ago (then the count of that moment is written when the gap ends), and
 * every {@link #HEARTBEAT} while running: that sample is also the sign of life that ends a run
 * that crashed. Called under the engine's lock; a failed write is logged, never thrown (the
 * report must not break chatting).
 */
final class ReportRecorder {

    private static final Logger log = LoggerFactory.getLogger(ReportRecorder.class);
    static final Duration PEER_SAMPLE_GAP = Duration.ofMinutes(1);
    static final Duration HEARTBEAT = Duration.ofMinutes(10);

    private final EventLog events;
    private final Scheduler scheduler;
    private final Object lock;
    private EngineStatus.State state;
    private int peers;
    private int peersWritten = -1;
    private Instant peersWrittenAt = Instant.MIN;
    private Scheduler.Cancellable pendingSample;
    private Scheduler.Cancellable heartbeat;
    private Instant rateLimitedUntil;
    private boolean running;
    /** When the account was last online (null while connected): the previous run's end, or losing the peers. */
    private Instant onlineLostAt;
    private Instant cameOnlineAt;
    private Duration lastOfflineSpell = Duration.ZERO;

    ReportRecorder(EventLog events, Scheduler scheduler, Object lock) {
        this.events = events;
        this.scheduler = scheduler;
        this.lock = lock;
    }

    /** The engine starts its node. */
    void started() {
        boolean previousClosed = events.last()
                .flatMap(e -> ReportEvent.decode(e.event()))
                .map(e -> e instanceof ReportEvent.StateChanged s && s.state() == EngineStatus.State.STOPPED)
                .orElse(true);
        running = true;
        onlineLostAt = events.last().map(EventLog.LoggedEvent::at).orElse(scheduler.now());
        write(new ReportEvent.NodeStarted(previousClosed));
        scheduleHeartbeat();
    }

    /** The engine's state as the status line shows it. */
    void status(EngineStatus.State newState, int newPeers) {
        if (!running) {
            return;
        }
        peers = newPeers;
        Instant now = scheduler.now();
        if (newState == EngineStatus.State.CONNECTED && state != EngineStatus.State.CONNECTED) {
            lastOfflineSpell = onlineLostAt == null ? Duration.ZERO : Duration.between(onlineLostAt, now);
            cameOnlineAt = now;
            onlineLostAt = null;
        } else if (newState != EngineStatus.State.CONNECTED && onlineLostAt == null) {
            onlineLostAt = now;
        }
        if (newState != state) {
            state = newState;
            writePeers(new ReportEvent.StateChanged(newState, newPeers));
        } else if (newPeers != peersWritten) {
            samplePeersSoon();
        }
    }

    /** The engine closes; nothing is written after this. */
    void stopped() {
        if (!running) {
            return;
        }
        cancelTimers();
        write(new ReportEvent.StateChanged(EngineStatus.State.STOPPED, 0));
        running = false;
    }

    /**
     * How long the account had been offline (without peers, or not running) before a catch-up
     * that starts now: zero unless it came online at this moment.
     */
    Duration offlineBeforeCatchUp() {
        return scheduler.now().equals(cameOnlineAt) ? lastOfflineSpell : Duration.ZERO;
    }

    void catchUpEnded(Instant startedAt, Duration offlineFor, int fetched, boolean storeAnswered) {
        write(new ReportEvent.CatchUpEnded(startedAt, offlineFor, fetched, storeAnswered));
    }

    void missingDetected(ConversationId conversation, int count) {
        write(new ReportEvent.MissingDetected(conversation, count));
    }

    void missingArrived(ConversationId conversation, boolean fromStore, boolean wasReportedLost) {
        write(new ReportEvent.MissingArrived(conversation, fromStore, wasReportedLost));
    }

    void missingLost(ConversationId conversation, int count) {
        write(new ReportEvent.MissingLost(conversation, count));
    }

    /** A chat message must wait for the rate limit until {@code until}; one wait per epoch is counted. */
    void rateLimited(Instant now, Instant until) {
        if (until.equals(rateLimitedUntil)) {
            return;
        }
        rateLimitedUntil = until;
        write(new ReportEvent.RateLimitWait(Duration.between(now, until)));
    }

    private void samplePeersSoon() {
        Instant now = scheduler.now();
        Instant allowed = peersWrittenAt.equals(Instant.MIN) ? now : peersWrittenAt.plus(PEER_SAMPLE_GAP);
        if (!allowed.isAfter(now)) {
            writePeers(new ReportEvent.PeerCount(peers));
        } else if (pendingSample == null) {
            pendingSample = scheduler.schedule(Duration.between(now, allowed), () -> {
                synchronized (lock) {
                    pendingSample = null;
                    if (running && peers != peersWritten) {
                        writePeers(new ReportEvent.PeerCount(peers));
                    }
                }
            });
        }
    }

    private void scheduleHeartbeat() {
        heartbeat = scheduler.schedule(HEARTBEAT, () -> {
            synchronized (lock) {
                heartbeat = null;
                if (running) {
                    writePeers(new ReportEvent.PeerCount(peers));
                    scheduleHeartbeat();
                }
            }
        });
    }

    private void writePeers(ReportEvent event) {
        peersWritten = peers;
        peersWrittenAt = scheduler.now();
        write(event);
    }

    private void cancelTimers() {
        if (pendingSample != null) {
            pendingSample.cancel();
            pendingSample = null;
        }
        if (heartbeat != null) {
            heartbeat.cancel();
            heartbeat = null;
        }
    }

    private void write(ReportEvent event) {
        try {
            events.append(scheduler.now(), ReportEvent.encode(event));
        } catch (StorageException | IllegalStateException e) {
            log.warn("Could not write a reliability report event: {}", e.getMessage());
        }
    }
}

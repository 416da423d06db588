package org.wakuchat.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.EngineStatus.State;

class StatusTextTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static StatusText of(State state, int peers, String detail, Optional<Instant> rateLimitedUntil, int queued) {
        return StatusText.of(new EngineStatus(state, peers, detail, Optional.empty(), false, rateLimitedUntil, queued), CLOCK);
    }

    @Test
    void unavailableShowsTheEnginesFixInstructions() {
        StatusText text = of(State.UNAVAILABLE, 0, "nwaku could not create the node: port in use", Optional.empty(), 0);
        assertThat(text.headline()).isEqualTo("Chat engine unavailable");
        assertThat(text.detail()).isEqualTo("nwaku could not create the node: port in use");
        assertThat(text.severity()).isEqualTo(StatusText.Severity.DANGER);
    }

    @Test
    void aMissingLibwakuIsOneLineWithTheFullExplanationBehindHowToFix() {
        String explanation = "libwaku (nwaku's C library, v0.36.x) was not found. Looked in:\n  1. here\n  2. there\n"
                + "Build it from nwaku v0.36.x with `make libwaku`.";
        StatusText text = of(State.UNAVAILABLE, 0, explanation, Optional.empty(), 0);
        assertThat(text.headline()).isEqualTo("Chat engine unavailable — libwaku not found");
        assertThat(text.detail()).isEmpty();
        assertThat(text.explanation()).isEqualTo(explanation);
    }

    @Test
    void aMultiLineProblemShowsItsFirstLineAndKeepsTheRest() {
        StatusText text = of(State.UNAVAILABLE, 0, "node failed\nbecause of this\nand that", Optional.empty(), 0);
        assertThat(text.detail()).isEqualTo("node failed");
        assertThat(text.explanation()).isEqualTo("node failed\nbecause of this\nand that");
    }

    @Test
    void countsPeersAndQueuedMessagesInPlainWords() {
        assertThat(of(State.CONNECTED, 1, "", Optional.empty(), 0).headline()).isEqualTo("Connected to 1 peer");
        assertThat(of(State.CONNECTED, 5, "", Optional.empty(), 0).headline()).isEqualTo("Connected to 5 peers");
        assertThat(of(State.OFFLINE, 0, "", Optional.empty(), 1).headline()).isEqualTo("Offline — 1 message queued");
        assertThat(of(State.STARTING, 0, "", Optional.empty(), 0).headline()).isEqualTo("Starting…");
    }

    @Test
    void rateLimitSaysWhenSendingResumes() {
        StatusText text = of(State.CONNECTED, 4, "", Optional.of(CLOCK.instant().plusSeconds(42)), 2);
        assertThat(text.headline()).isEqualTo("Rate limited — sending again in 42 s");
        assertThat(text.detail()).startsWith("2 messages waiting to be sent.");
    }
}

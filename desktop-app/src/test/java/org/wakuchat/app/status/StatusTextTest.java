package org.wakuchat.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.EngineStatus.State;
import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.RlnProblems;

class StatusTextTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static StatusText of(State state, int peers, String detail, Optional<Instant> rateLimitedUntil, int queued) {
        return StatusText.of(new EngineStatus(state, peers, detail, Optional.empty(), false, rateLimitedUntil, queued), CLOCK);
    }

    @Test
    void everyDataFolderWarningHasItsOwnSentence() {
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (org.wakuchat.core.DataFolderWarning warning : org.wakuchat.core.DataFolderWarning.values()) {
            texts.add(StatusText.dataFolder(warning));
        }
        assertThat(texts).hasSize(org.wakuchat.core.DataFolderWarning.values().length);
        assertThat(StatusText.dataFolder(org.wakuchat.core.DataFolderWarning.RESTORED_OLDER_COPY)).contains("older");
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
    void theWakuNetworkWithoutAMembershipSaysSoAndPointsToSettings() {
        String explanation = RlnProblems.missingMembership(NetworkConfig.theWakuNetwork()).orElseThrow();
        StatusText text = of(State.UNAVAILABLE, 0, explanation, Optional.empty(), 2);
        assertThat(text.headline()).isEqualTo("The Waku Network needs an RLN membership");
        assertThat(text.detail()).contains("Settings → Network");
        assertThat(text.explanation()).isEqualTo(explanation);
    }

    @Test
    void aLibwakuWithoutRlnSaysSoAndPointsToSettings() {
        String explanation = RlnProblems.explainCreateFailure("waku_new failed (code 1): failed to mount WakuRlnRelay: "
                + "could not create RLN instance: error in parameters generation").orElseThrow();
        StatusText text = of(State.UNAVAILABLE, 0, explanation, Optional.empty(), 0);
        assertThat(text.headline()).isEqualTo("This libwaku has no RLN support");
        assertThat(text.detail()).contains("Settings → Network");
        assertThat(text.explanation()).contains("error in parameters generation");
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
        assertThat(of(State.OFFLINE, 0, "", Optional.empty(), 1).headline()).isEqualTo("Offline — messages are queued (1)");
        assertThat(of(State.OFFLINE, 0, "", Optional.empty(), 0).headline()).isEqualTo("Offline");
        assertThat(of(State.STARTING, 0, "", Optional.empty(), 0).headline()).isEqualTo("Starting…");
    }

    @Test
    void rateLimitSaysWhenSendingResumes() {
        StatusText text = of(State.CONNECTED, 4, "", Optional.of(CLOCK.instant().plusSeconds(42)), 2);
        assertThat(text.headline()).isEqualTo("Rate limited — sending in 42 s");
        assertThat(text.detail()).startsWith("2 messages waiting to be sent.");
    }

    @Test
    void offlineSaysSinceWhenAndHowManyAreQueued() {
        EngineStatus status = new EngineStatus(State.OFFLINE, 0, "", Optional.of(Instant.parse("2026-01-01T11:02:00Z")),
                false, Optional.empty(), 3);
        assertThat(StatusText.of(status, CLOCK).headline()).isEqualTo("Offline since 11:02 — messages are queued (3)");
    }

    @Test
    void catchingUpSaysItIsCheckingForNewMessages() {
        EngineStatus status = new EngineStatus(State.CONNECTED, 3, "", Optional.empty(), true, Optional.empty(), 0);
        assertThat(StatusText.of(status, CLOCK).headline()).isEqualTo("Checking for new messages…");
    }

    @Test
    void catchUpResultReadsAsAToast() {
        assertThat(StatusText.caughtUp(5, Optional.empty())).isEqualTo("Fetched 5 messages");
        assertThat(StatusText.caughtUp(1, Optional.empty())).isEqualTo("Fetched 1 message");
        assertThat(StatusText.caughtUp(0, Optional.empty())).isEqualTo("No new messages while you were away");
        assertThat(StatusText.caughtUp(2, Optional.of("Store node did not answer")))
                .isEqualTo("Could not check for all new messages: Store node did not answer");
    }
}

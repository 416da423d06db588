package org.wakuchat.core.engine;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.wakuchat.core.store.KdfParams;
import org.wakuchat.core.time.Scheduler;
import org.wakuchat.core.transport.WakuNode;

/**
 * Everything an engine needs from outside, in one place.
 *
 * @param dataDir       the account's data folder
 * @param kdf           passphrase key derivation cost (lower only in tests)
 * @param node          makes the Waku node the engine runs on (libwaku in the app, the simulator in tests)
 * @param scheduler     clock and timers
 * @param random        randomness for keys and nonces
 * @param delivery      how hard the engine tries to deliver
 * @param inviteValidity how long a new invite works
 * @param rateLimit     the outbound limit (RLN), if the network enforces one
 */
public record EngineConfig(Path dataDir, KdfParams kdf, Supplier<WakuNode> node, Scheduler scheduler,
                           SecureRandom random, DeliveryPolicy delivery, Duration inviteValidity,
                           Optional<RateLimit> rateLimit) {

    public static final Duration DEFAULT_INVITE_VALIDITY = Duration.ofDays(7);

    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(inviteValidity, "inviteValidity");
        Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** The app's settings: full-strength key derivation, default delivery policy. */
    public static EngineConfig of(Path dataDir, Supplier<WakuNode> node, Scheduler scheduler) {
        return new EngineConfig(dataDir, KdfParams.DEFAULT, node, scheduler, new SecureRandom(),
                DeliveryPolicy.DEFAULT, DEFAULT_INVITE_VALIDITY, Optional.empty());
    }

    public EngineConfig withKdf(KdfParams newKdf) {
        return new EngineConfig(dataDir, newKdf, node, scheduler, random, delivery, inviteValidity, rateLimit);
    }

    public EngineConfig withRandom(SecureRandom newRandom) {
        return new EngineConfig(dataDir, kdf, node, scheduler, newRandom, delivery, inviteValidity, rateLimit);
    }

    public EngineConfig withDelivery(DeliveryPolicy newDelivery) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, newDelivery, inviteValidity, rateLimit);
    }

    public EngineConfig withRateLimit(RateLimit limit) {
        return new EngineConfig(dataDir, kdf, node, scheduler, random, delivery, inviteValidity, Optional.of(limit));
    }
}

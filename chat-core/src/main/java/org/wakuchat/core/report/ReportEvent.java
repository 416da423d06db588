package org.wakuchat.core.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;

/**
 * What the engine writes to its event log for the reliability report: never content, names,
 * keys, topics or peers; a conversation by its local id at most. Encoded in a small versioned
 * binary form; an event that does not decode (written by a newer version) is skipped.
 */
public sealed interface ReportEvent {

    /** The engine's state changed (also STOPPED when it closes). */
    record StateChanged(EngineStatus.State state, int peers) implements ReportEvent {
    }

    /** A peer count sample while the state stays the same (also the engine's sign of life). */
    record PeerCount(int peers) implements ReportEvent {
    }

    /**
     * The engine started its node; {@code previousRunClosed} is false when the last run's log does
     * not end with its close (it crashed or was killed).
     */
    record NodeStarted(boolean previousRunClosed) implements ReportEvent {
    }

    /** A catch-up from Store ended (the event's time is its end). */
    record CatchUpEnded(Instant startedAt, Duration offlineFor, int messagesFetched, boolean storeAnswered)
            implements ReportEvent {
    }

    /** Messages of the contact found missing. */
    record MissingDetected(ConversationId conversation, int count) implements ReportEvent {
    }

    /**
     * A missing message arrived: from Store (a lookup or a catch-up) or by relay (the sender's
     * resend); {@code wasReportedLost} when the user had already been told it was lost.
     */
    record MissingArrived(ConversationId conversation, boolean fromStore, boolean wasReportedLost)
            implements ReportEvent {
    }

    /** Missing messages given up: the user was told they could not be recovered. */
    record MissingLost(ConversationId conversation, int count) implements ReportEvent {
    }

    /** A message had to wait this long for the outbound rate limit. */
    record RateLimitWait(Duration waited) implements ReportEvent {
    }

    byte VERSION = 1;

    static byte[] encode(ReportEvent event) {
        var bytes = new ByteArrayOutputStream(32);
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            switch (event) {
                case StateChanged e -> {
                    out.writeByte(1);
                    out.writeUTF(e.state().name());
                    out.writeInt(e.peers());
                }
                case PeerCount e -> {
                    out.writeByte(2);
                    out.writeInt(e.peers());
                }
                case NodeStarted e -> {
                    out.writeByte(3);
                    out.writeBoolean(e.previousRunClosed());
                }
                case CatchUpEnded e -> {
                    out.writeByte(4);
                    out.writeLong(e.startedAt().toEpochMilli());
                    out.writeLong(e.offlineFor().toMillis());
                    out.writeInt(e.messagesFetched());
                    out.writeBoolean(e.storeAnswered());
                }
                case MissingDetected e -> {
                    out.writeByte(5);
                    out.writeUTF(e.conversation().value());
                    out.writeInt(e.count());
                }
                case MissingArrived e -> {
                    out.writeByte(6);
                    out.writeUTF(e.conversation().value());
                    out.writeBoolean(e.fromStore());
                    out.writeBoolean(e.wasReportedLost());
                }
                case MissingLost e -> {
                    out.writeByte(7);
                    out.writeUTF(e.conversation().value());
                    out.writeInt(e.count());
                }
                case RateLimitWait e -> {
                    out.writeByte(8);
                    out.writeLong(e.waited().toMillis());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The event, or empty when it is of an unknown version or kind, or malformed. */
    static Optional<ReportEvent> decode(byte[] encoded) {
        try (var in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            ReportEvent event = switch (in.readByte()) {
                case 1 -> new StateChanged(EngineStatus.State.valueOf(in.readUTF()), in.readInt());
                case 2 -> new PeerCount(in.readInt());
                case 3 -> new NodeStarted(in.readBoolean());
                case 4 -> new CatchUpEnded(Instant.ofEpochMilli(in.readLong()), Duration.ofMillis(in.readLong()),
                        in.readInt(), in.readBoolean());
                case 5 -> new MissingDetected(new ConversationId(in.readUTF()), in.readInt());
                case 6 -> new MissingArrived(new ConversationId(in.readUTF()), in.readBoolean(), in.readBoolean());
                case 7 -> new MissingLost(new ConversationId(in.readUTF()), in.readInt());
                case 8 -> new RateLimitWait(Duration.ofMillis(in.readLong()));
                default -> null;
            };
            return Optional.ofNullable(event);
        } catch (IOException | IllegalArgumentException | java.time.DateTimeException malformed) {
            return Optional.empty();
        }
    }
}

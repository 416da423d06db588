package org.wakuchat.core.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.DeliveryState;

/**
 * The crash test's log: one line per message, written right after {@code sendText} returned
 * ("alice 0123abcd…"), and the check of both databases against it.
 */
final class CrashLog {

    record Entry(String sender, String id) {
    }

    /** What the databases hold of the logged messages. */
    record Verdict(int logged, int delivered, int received, int duplicates, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private CrashLog() {
    }

    /** The complete lines; a line cut short by a kill (no newline yet) was never logged. */
    static List<Entry> read(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<Entry> entries = new ArrayList<>();
        for (String line : end < 0 ? new String[0] : text.substring(0, end).split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length != 2) {
                throw new IllegalStateException("garbled crash log line: " + line);
            }
            entries.add(new Entry(parts[0], parts[1]));
        }
        return entries;
    }

    static boolean allDelivered(List<Entry> logged, List<ChatMessage> alice, List<ChatMessage> bob) {
        return verify(logged, alice, bob).ok();
    }

    /** Every logged message is DELIVERED in its sender's database and present exactly once in the other one's. */
    static Verdict verify(List<Entry> logged, List<ChatMessage> alice, List<ChatMessage> bob) {
        Map<String, Map<String, List<ChatMessage>>> rows = Map.of("alice", index(alice), "bob", index(bob));
        int delivered = 0;
        int received = 0;
        int duplicates = 0;
        List<String> problems = new ArrayList<>();
        for (Entry entry : logged) {
            String recipient = entry.sender().equals("alice") ? "bob" : "alice";
            List<ChatMessage> mine = rows.get(entry.sender()).getOrDefault(entry.id(), List.of());
            List<ChatMessage> theirs = rows.get(recipient).getOrDefault(entry.id(), List.of());
            boolean isDelivered = mine.size() == 1 && mine.getFirst().outgoing()
                    && mine.getFirst().state() == DeliveryState.DELIVERED;
            delivered += isDelivered ? 1 : 0;
            received += theirs.isEmpty() ? 0 : 1;
            duplicates += Math.max(0, mine.size() - 1) + Math.max(0, theirs.size() - 1);
            if (!isDelivered || theirs.size() != 1) {
                problems.add(entry + ": sender has " + mine.stream().map(ChatMessage::state).toList()
                        + ", recipient has " + theirs.size() + " rows");
            }
        }
        return new Verdict(logged.size(), delivered, received, duplicates, problems);
    }

    private static Map<String, List<ChatMessage>> index(List<ChatMessage> messages) {
        Map<String, List<ChatMessage>> index = new HashMap<>();
        for (ChatMessage message : messages) {
            index.computeIfAbsent(message.id().value(), id -> new ArrayList<>()).add(message);
        }
        return index;
    }
}

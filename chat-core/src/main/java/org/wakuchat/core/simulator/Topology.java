package org.wakuchat.core.simulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Who can reach whom, and over which kind of link. Links are symmetric. Not thread-safe. */
final class Topology {

    private LinkConditions globalConditions;
    private final Map<Set<String>, LinkConditions> linkConditions = new HashMap<>();
    private final Set<Set<String>> partitionedPairs = new HashSet<>();
    private final Set<String> offline = new HashSet<>();

    Topology(LinkConditions globalConditions) {
        this.globalConditions = globalConditions;
    }

    void setGlobalConditions(LinkConditions conditions) {
        globalConditions = Objects.requireNonNull(conditions, "conditions");
    }

    void setLinkConditions(String a, String b, LinkConditions conditions) {
        linkConditions.put(pair(a, b), Objects.requireNonNull(conditions, "conditions"));
    }

    LinkConditions conditions(String a, String b) {
        return linkConditions.getOrDefault(pair(a, b), globalConditions);
    }

    void partition(Set<String> side, Set<String> otherSide) {
        for (String a : side) {
            for (String b : otherSide) {
                if (!a.equals(b)) {
                    partitionedPairs.add(pair(a, b));
                }
            }
        }
    }

    void heal() {
        partitionedPairs.clear();
    }

    void setOnline(String node, boolean online) {
        if (online) {
            offline.remove(node);
        } else {
            offline.add(node);
        }
    }

    boolean isOnline(String node) {
        return !offline.contains(node);
    }

    /** Both online and not separated by a partition. */
    boolean canReach(String a, String b) {
        return isOnline(a) && isOnline(b) && !partitionedPairs.contains(pair(a, b));
    }

    private static Set<String> pair(String a, String b) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a link joins two different nodes: " + a);
        }
        return Set.of(a, b);
    }
}

package org.wakuchat.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A message's place in its conversation: (order, id), compared the way SQLite's index does (id as UTF-8 bytes). */
record Position(long order, String id) implements Comparable<Position> {

    @Override
    public int compareTo(Position other) {
        int byOrder = Long.compare(order, other.order);
        return byOrder != 0 ? byOrder
                : Arrays.compareUnsigned(id.getBytes(StandardCharsets.UTF_8), other.id.getBytes(StandardCharsets.UTF_8));
    }
}

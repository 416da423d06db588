package org.wakuchat.core.store;

import java.util.List;

/** One schema step: the SQL that takes a database from {@code version - 1} to {@code version}. */
record Migration(int version, String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }

    /** Checks that a database's steps are numbered 1, 2, 3… with no gap, so none can be skipped. */
    static List<Migration> ordered(List<Migration> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalStateException("migration " + (i + 1) + " is numbered " + steps.get(i).version());
            }
        }
        return List.copyOf(steps);
    }
}

package org.wakuchat.core.transport;

/** What the Waku node is doing now, for the engine and the status bar. */
public record NodeStatus(State state, int peers, String detail) {

    public enum State {
        /** Not started yet, or stopped. */
        STOPPED,
        STARTING,
        /** Running; {@link #peers()} tells whether anyone can hear us. */
        RUNNING,
        /** The node cannot run here (libwaku missing, failed to start); {@link #detail()} says why. */
        UNAVAILABLE
    }

    public static NodeStatus stopped() {
        return new NodeStatus(State.STOPPED, 0, "");
    }

    public boolean online() {
        return state == State.RUNNING && peers > 0;
    }
}

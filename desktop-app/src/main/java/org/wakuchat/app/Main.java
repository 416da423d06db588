package org.wakuchat.app;

/** Placeholder entry point until the desktop app lands. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Waku Chat");
    }
}

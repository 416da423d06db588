package org.wakuchat.libwaku;

import java.util.Locale;

/** Operating system and CPU in the names Waku Chat uses for native-libs folders. */
record Platform(String os, String arch) {

    static final String UNKNOWN = "unknown";

    static Platform of(String osName, String osArch) {
        return new Platform(osOf(osName == null ? "" : osName), archOf(osArch == null ? "" : osArch));
    }

    /** {@code linux-x86_64}, {@code macos-aarch64}, … */
    String folderName() {
        return os + "-" + arch;
    }

    String libraryFileName() {
        return switch (os) {
            case "macos" -> "libwaku.dylib";
            case "windows" -> "libwaku.dll";
            default -> "libwaku.so";
        };
    }

    boolean known() {
        return !os.equals(UNKNOWN) && !arch.equals(UNKNOWN);
    }

    private static String osOf(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "macos";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        return UNKNOWN;
    }

    private static String archOf(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> UNKNOWN;
        };
    }
}

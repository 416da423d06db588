package org.wakuchat.app.camera;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What to tell the user when GStreamer or a camera misbehaves, for the system at hand. */
final class GStreamerHelp {

    enum Os { LINUX, MAC, WINDOWS;

        static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.contains("mac") ? MAC : name.contains("win") ? WINDOWS : LINUX;
        }
    }

    private GStreamerHelp() {
    }

    static String notInstalled(Os os) {
        return "The camera needs GStreamer, which is not installed. " + switch (os) {
            case LINUX -> "Install it with: sudo apt install gstreamer1.0-plugins-good gstreamer1.0-plugins-base"
                    + " (Fedora: sudo dnf install gstreamer1-plugins-good), then restart Waku Chat.";
            case MAC -> "Install it with: brew install gstreamer (or the installer from gstreamer.freedesktop.org), then restart Waku Chat.";
            case WINDOWS -> "Install the GStreamer runtime (MSVC 64-bit) from gstreamer.freedesktop.org, then restart Waku Chat.";
        };
    }

    static String pluginsMissing(Os os, List<String> missing) {
        return "GStreamer is installed but lacks " + String.join(", ", missing) + ". " + switch (os) {
            case LINUX -> "Install them with: sudo apt install gstreamer1.0-plugins-good gstreamer1.0-plugins-base"
                    + " (Fedora: sudo dnf install gstreamer1-plugins-good), then restart Waku Chat.";
            case MAC -> "Reinstall it with: brew reinstall gstreamer.";
            case WINDOWS -> "Reinstall the GStreamer runtime with the complete set of plugins.";
        };
    }

    static String permissionDenied(Os os) {
        return "Waku Chat may not use this camera. " + switch (os) {
            case LINUX -> "Check that your user is in the 'video' group (sudo usermod -aG video $USER, then log in again).";
            case MAC -> "Allow it in System Settings › Privacy & Security › Camera, then restart Waku Chat.";
            case WINDOWS -> "Allow desktop apps to use the camera in Settings › Privacy & security › Camera.";
        };
    }

    static String busy() {
        return "This camera is in use by another app. Close that app (or its video call) and try again.";
    }

    /**
     * The error a pipeline reported, as a camera failure. GStreamer's messages name the problem
     * in words ("busy", "permission", "Could not open device"); the code alone is ambiguous.
     */
    static CameraException pipelineError(Os os, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("busy")) {
            return new CameraException(CameraException.Reason.BUSY, busy());
        }
        if (text.contains("permission") || text.contains("denied") || text.contains("authoriz")
                || text.contains("could not open device")) {
            return new CameraException(CameraException.Reason.PERMISSION_DENIED, permissionDenied(os));
        }
        return new CameraException(CameraException.Reason.FAILED, "The camera stopped: " + message);
    }

    /**
     * Folders where the GStreamer installers put the libraries on macOS and Windows, which JNA
     * does not search by itself (on Linux the system's library path already has them).
     */
    static List<Path> libraryFolders(Os os, String windowsRoot) {
        List<Path> folders = new ArrayList<>();
        switch (os) {
            case MAC -> {
                folders.add(Path.of("/Library/Frameworks/GStreamer.framework/Libraries"));
                folders.add(Path.of("/opt/homebrew/lib"));
                folders.add(Path.of("/usr/local/lib"));
            }
            case WINDOWS -> {
                if (windowsRoot != null && !windowsRoot.isBlank()) {
                    folders.add(Path.of(windowsRoot, "bin"));
                }
                folders.add(Path.of("C:\\gstreamer\\1.0\\msvc_x86_64\\bin"));
            }
            case LINUX -> { }
        }
        return folders.stream().filter(Files::isDirectory).toList();
    }
}

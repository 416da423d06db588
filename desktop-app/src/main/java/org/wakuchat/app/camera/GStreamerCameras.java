package org.wakuchat.app.camera;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.Version;
import org.freedesktop.gstreamer.device.Device;
import org.freedesktop.gstreamer.device.DeviceMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GStreamer, loaded: lists cameras with a device monitor and opens them as pipelines. */
final class GStreamerCameras {

    private static final Logger LOG = LoggerFactory.getLogger(GStreamerCameras.class);
    /** Properties that identify a device across runs, most specific first (v4l2, PipeWire, macOS, Windows). */
    private static final List<String> ID_PROPERTIES = List.of("api.v4l2.path", "device.path", "object.path",
            "node.name", "unique-id", "device.unique-id", "device.id");
    private static final List<String> LINUX_SOURCES = List.of("v4l2src", "pipewiresrc");

    private final GStreamerHelp.Os os;
    private final Map<String, Device> devicesById = new ConcurrentHashMap<>();

    private GStreamerCameras(GStreamerHelp.Os os) {
        this.os = os;
    }

    /** Loads and initialises GStreamer; says how to install it when it is missing or incomplete. */
    static GStreamerCameras load() throws CameraException {
        GStreamerHelp.Os os = GStreamerHelp.Os.current();
        try {
            addLibraryFolders(os);
            if (!Gst.isInitialized()) {
                Gst.init(Version.of(1, 14), "WakuChat");
            }
            LOG.info("GStreamer {} loaded for the camera", Gst.getVersionString());
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | GstException missing) {
            LOG.warn("GStreamer not available: {}", missing.toString());
            throw new CameraException(CameraException.Reason.NOT_INSTALLED, GStreamerHelp.notInstalled(os), missing);
        }
        List<String> missing = Stream.concat(GStreamerPipeline.NEEDED.stream(), Stream.of("appsink"))
                .filter(name -> !hasElement(name)).toList();
        if (!missing.isEmpty()) {
            throw new CameraException(CameraException.Reason.NOT_INSTALLED, GStreamerHelp.pluginsMissing(os, missing));
        }
        return new GStreamerCameras(os);
    }

    static boolean hasElement(String factory) {
        try {
            return ElementFactory.find(factory) != null;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    List<CameraDevice> devices() throws CameraException {
        DeviceMonitor monitor = new DeviceMonitor();
        try {
            monitor.addFilter("Video/Source", null);
            monitor.start();
            List<CameraDevice> found = new ArrayList<>();
            devicesById.clear();
            for (Device device : monitor.getDevices()) {
                CameraDevice camera = new CameraDevice(idOf(device, found.size()), device.getDisplayName());
                if (devicesById.putIfAbsent(camera.id(), device) == null) {
                    found.add(camera);
                }
            }
            LOG.info("Cameras: {}", found);
            if (found.isEmpty() && os == GStreamerHelp.Os.LINUX && LINUX_SOURCES.stream().noneMatch(GStreamerCameras::hasElement)) {
                throw new CameraException(CameraException.Reason.NOT_INSTALLED,
                        GStreamerHelp.pluginsMissing(os, LINUX_SOURCES));
            }
            return found;
        } finally {
            monitor.stop();
            monitor.dispose();
        }
    }

    Camera open(CameraDevice camera, CameraFrames frames) throws CameraException {
        Device device = devicesById.get(camera.id());
        if (device == null) {
            throw new CameraException(CameraException.Reason.FAILED, camera.displayName() + " is no longer connected.");
        }
        Element source = device.createElement(null);
        if (source == null) {
            throw new CameraException(CameraException.Reason.FAILED, "GStreamer cannot open " + camera.displayName() + ".");
        }
        return GStreamerPipeline.start(source, frames, os);
    }

    private static String idOf(Device device, int index) {
        Structure properties = device.getProperties();
        if (properties != null) {
            for (String name : ID_PROPERTIES) {
                String value = properties.hasField(name) ? properties.getString(name) : null;
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
        }
        return device.getDisplayName() + " #" + index;
    }

    private static void addLibraryFolders(GStreamerHelp.Os os) {
        List<Path> folders = GStreamerHelp.libraryFolders(os, System.getenv("GSTREAMER_1_0_ROOT_MSVC_X86_64"));
        if (folders.isEmpty()) {
            return;
        }
        String current = System.getProperty("jna.library.path", "");
        String added = folders.stream().map(Path::toString).filter(folder -> !current.contains(folder))
                .collect(Collectors.joining(File.pathSeparator));
        if (!added.isEmpty()) {
            System.setProperty("jna.library.path", current.isEmpty() ? added : current + File.pathSeparator + added);
        }
    }
}

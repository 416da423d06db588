package org.wakuchat.app.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Start-up cost: creating the app's camera source and loading Add contact must not load
 * GStreamer's binding (nor GStreamer). Checked in a class loader of its own, because this test
 * JVM may have loaded GStreamer for other tests already.
 */
class LazyLoadingTest {

    /** Loads the app's and the binding's classes itself (child first) and remembers which. */
    private static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] classPath) {
            super(classPath, LazyLoadingTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.wakuchat.") && !name.startsWith("org.freedesktop.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> found = findLoadedClass(name);
                if (found == null) {
                    found = findClass(name);
                    loaded.add(name);
                }
                return found;
            }
        }
    }

    @Test
    void creatingTheCameraSourceAndAddContactLoadsNoGStreamer() throws Exception {
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(LazyLoadingTest::url).toArray(URL[]::new);
        try (RecordingLoader loader = new RecordingLoader(classPath)) {
            Class.forName("org.wakuchat.app.camera.GStreamerCameraSource", true, loader).getConstructor().newInstance();
            for (String name : List.of("org.wakuchat.app.scan.AddContactController", "org.wakuchat.app.AppRoot")) {
                Class.forName(name, true, loader);
            }

            assertThat(loader.loaded).contains("org.wakuchat.app.camera.GStreamerCameraSource");
            assertThat(loader.loaded).noneMatch(name -> name.startsWith("org.freedesktop."));
            assertThat(loader.loaded).doesNotContain("org.wakuchat.app.camera.GStreamerCameras",
                    "org.wakuchat.app.camera.GStreamerPipeline", "org.wakuchat.app.scan.CameraScan");
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

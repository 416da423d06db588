package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second launch of the real app, in its own JVM (as when the OS opens a {@code wakuchat://}
 * link), hands the link to the instance that holds the data folder and quits without a window.
 */
class SingleInstanceProcessTest {

    @TempDir
    Path dataFolder;

    @Test
    void aSecondProcessForwardsItsInviteLinkAndExits() throws Exception {
        var requests = new LinkedBlockingQueue<SingleInstance.Request>();
        try (SingleInstance running = SingleInstance.claim(dataFolder, requests::add).orElseThrow()) {
            Process second = launchApp("--data-dir=" + dataFolder, "wakuchat://invite/from-the-browser");

            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second launch quits by itself").isTrue();
            String output = new String(second.getInputStream().readAllBytes());
            assertThat(second.exitValue()).as(output).isZero();
            assertThat(requests.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new SingleInstance.Request(Optional.of("wakuchat://invite/from-the-browser")));
        }
        assertThat(Files.exists(dataFolder.resolve("instance.port"))).as("the port file goes with the instance").isFalse();
    }

    /** The app's real entry point in a new JVM on JavaFX's headless platform, with this test's class and module paths. */
    private static Process launchApp(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java,
                "--module-path", System.getProperty("jdk.module.path"), "--add-modules", "javafx.controls",
                "--enable-native-access=ALL-UNNAMED,javafx.graphics",
                "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Headless", "-Dprism.order=sw",
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}

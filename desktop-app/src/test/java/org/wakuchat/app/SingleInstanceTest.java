package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleInstanceTest {

    @TempDir
    Path dataFolder;

    @Test
    void aSecondLaunchHandsItsInviteLinkToTheRunningApp() throws Exception {
        var requests = new LinkedBlockingQueue<SingleInstance.Request>();
        try (SingleInstance running = SingleInstance.claim(dataFolder, requests::add).orElseThrow()) {
            assertThat(SingleInstance.claim(dataFolder, request -> { })).as("the folder is taken").isEmpty();

            assertThat(SingleInstance.forward(dataFolder, new SingleInstance.Request(Optional.of("wakuchat://invite/abc"))))
                    .isTrue();
            assertThat(requests.poll(5, TimeUnit.SECONDS)).isEqualTo(new SingleInstance.Request(Optional.of("wakuchat://invite/abc")));

            assertThat(SingleInstance.forward(dataFolder, new SingleInstance.Request(Optional.empty()))).isTrue();
            assertThat(requests.poll(5, TimeUnit.SECONDS)).isEqualTo(new SingleInstance.Request(Optional.empty()));
        }
        try (SingleInstance next = SingleInstance.claim(dataFolder, request -> { }).orElseThrow()) {
            assertThat(next).as("free again once the first app closed").isNotNull();
        }
    }

    @Test
    void aRequestWithoutTheTokenIsIgnored() throws Exception {
        var requests = new LinkedBlockingQueue<SingleInstance.Request>();
        try (SingleInstance running = SingleInstance.claim(dataFolder, requests::add).orElseThrow()) {
            String port = Files.readAllLines(dataFolder.resolve("instance.port")).get(0);
            Files.writeString(dataFolder.resolve("instance.port"), port + "\nwrong-token\n");
            SingleInstance.forward(dataFolder, new SingleInstance.Request(Optional.of("wakuchat://invite/evil")));
            assertThat(requests.poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void withNoRunningAppForwardingSaysSo() {
        assertThat(SingleInstance.forward(dataFolder, new SingleInstance.Request(Optional.empty()))).isFalse();
    }
}

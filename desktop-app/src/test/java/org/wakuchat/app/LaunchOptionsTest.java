package org.wakuchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void readsDemoAndDataFolder() {
        LaunchOptions options = LaunchOptions.parse(List.of("--demo", "--data-dir=/tmp/waku"));
        assertThat(options.demo()).isTrue();
        assertThat(options.dataFolder()).isEqualTo(Path.of("/tmp/waku"));
        assertThat(LaunchOptions.parse(List.of()).demo()).isFalse();
    }

    @Test
    void anInviteLinkArgumentIsKeptForAddContact() {
        assertThat(LaunchOptions.parse(List.of("wakuchat://invite/ABC")).inviteLink()).contains("wakuchat://invite/ABC");
        assertThat(LaunchOptions.parse(List.of("--demo")).inviteLink()).isEmpty();
    }

    @Test
    void unknownOptionsAreRefusedWithUsage() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--dmeo"))).hasMessageContaining("Usage");
    }
}

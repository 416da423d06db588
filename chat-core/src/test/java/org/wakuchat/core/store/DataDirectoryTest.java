package org.wakuchat.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path home;

    @Test
    void linuxUsesXdgDataHome() {
        Path xdg = home.resolve("xdg");
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", xdg.toString()), "Linux", home))
                .isEqualTo(xdg.resolve("wakuchat"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsUnsetBlankOrRelative() {
        Path expected = home.resolve(".local/share/wakuchat");
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of(), "Linux", home)).isEqualTo(expected);
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", " "), "Linux", home))
                .isEqualTo(expected);
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "relative/dir"), "Linux", home))
                .isEqualTo(expected);
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of(), "FreeBSD", home)).isEqualTo(expected);
    }

    @Test
    void theStateFolderIsThePlatformsPerUserStateFolderOutsideTheDataFolder() {
        Path xdg = home.resolve("xdg-state");
        assertThat(DataDirectory.resolveState(Map.of("XDG_STATE_HOME", xdg.toString()), "Linux", home))
                .isEqualTo(xdg.resolve("wakuchat"));
        assertThat(DataDirectory.resolveState(Map.of("XDG_STATE_HOME", "relative"), "Linux", home))
                .isEqualTo(home.resolve(".local/state/wakuchat"));
        assertThat(DataDirectory.resolveState(Map.of(), "Mac OS X", home))
                .isEqualTo(home.resolve("Library/Application Support/Waku Chat State"));
        assertThat(DataDirectory.resolveState(Map.of("LOCALAPPDATA", home.resolve("local").toString()), "Windows 11", home))
                .isEqualTo(home.resolve("local/Waku Chat"));
        assertThat(DataDirectory.resolveState(Map.of(), "Windows 10", home)).isEqualTo(home.resolve("AppData/Local/Waku Chat"));
        assertThat(DataDirectory.resolveState(Map.of("WAKUCHAT_STATE_DIR", home.resolve("s").toString(),
                "XDG_STATE_HOME", xdg.toString()), "Linux", home)).isEqualTo(home.resolve("s"));
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            assertThat(DataDirectory.resolveState(Map.of(), os, home))
                    .isNotEqualTo(DataDirectory.resolve(Optional.empty(), Map.of(), os, home));
        }
        assertThat(DataDirectory.markers(home)).isEqualTo(home.resolve("folder-markers"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "/ignored"), "Mac OS X", home))
                .isEqualTo(home.resolve("Library/Application Support/Waku Chat"));
    }

    @Test
    void windowsUsesAppData() {
        Path appData = home.resolve("AppData-roaming");
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of("APPDATA", appData.toString()), "Windows 11", home))
                .isEqualTo(appData.resolve("Waku Chat"));
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of(), "Windows 10", home))
                .isEqualTo(home.resolve("AppData/Roaming/Waku Chat"));
    }

    @Test
    void explicitOverrideWinsOverEnvironmentWhichWinsOverPlatform() {
        Path explicit = home.resolve("explicit");
        Path fromEnv = home.resolve("from-env");
        Map<String, String> env = Map.of(DataDirectory.ENV_OVERRIDE, fromEnv.toString(), "APPDATA", "/x");
        assertThat(DataDirectory.resolve(Optional.of(explicit), env, "Windows 11", home)).isEqualTo(explicit);
        assertThat(DataDirectory.resolve(Optional.empty(), env, "Windows 11", home)).isEqualTo(fromEnv);
        assertThat(DataDirectory.resolve(Optional.empty(), Map.of(DataDirectory.ENV_OVERRIDE, ""), "Linux", home))
                .isEqualTo(home.resolve(".local/share/wakuchat"));
    }

    @Test
    void resultIsAbsoluteAndNormalised() {
        Path resolved = DataDirectory.resolve(Optional.of(Path.of("some/../data")), Map.of(), "Linux", home);
        assertThat(resolved).isAbsolute().isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void resolveDefaultHonoursTheSystemProperty() {
        String previous = System.getProperty(DataDirectory.PROPERTY_OVERRIDE);
        try {
            System.setProperty(DataDirectory.PROPERTY_OVERRIDE, home.resolve("prop").toString());
            assertThat(DataDirectory.resolveDefault()).isEqualTo(home.resolve("prop"));
        } finally {
            if (previous == null) {
                System.clearProperty(DataDirectory.PROPERTY_OVERRIDE);
            } else {
                System.setProperty(DataDirectory.PROPERTY_OVERRIDE, previous);
            }
        }
        assertThat(DataDirectory.resolveDefault()).isAbsolute();
    }

    @Test
    void logsAreInsideTheDataFolder() {
        assertThat(DataDirectory.logs(home)).isEqualTo(home.resolve("logs"));
    }
}

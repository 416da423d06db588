package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibWakuCheckTest {

    private final LibWakuCheck.Pinned pinned = new LibWakuCheck.Pinned("v0.36.0-114", "7d1c6abaacba3e05edb57fa177381602b71b9b98");

    @Test
    void theVersionLineMustNameThePinnedVersionAndCommit() {
        assertThat(pinned.matches("version / git commit hash: v0.36.0-114-g7d1c6a")).isTrue();
        assertThat(pinned.matches("v0.36.0-114")).isTrue();
        assertThat(pinned.matches("version / git commit hash: v0.36.0-114-g8e2d7b")).isFalse();
        assertThat(pinned.matches("version / git commit hash: v0.36.0-115-g7d1c6a")).isFalse();
        assertThat(pinned.matches("version / git commit hash: v0.37.0")).isFalse();
        assertThat(pinned.series()).isEqualTo("0.36");
    }

    @Test
    void thePinnedBuildIsReadFromTheOnePlaceThatNamesIt() {
        LibWakuCheck.Pinned fromResource = LibWakuCheck.Pinned.fromResource();
        assertThat(fromResource.version()).matches("v\\d+\\.\\d+\\.\\d+(-\\d+)?");
        assertThat(fromResource.commit()).matches("[0-9a-f]{40}");
    }

    @Test
    void aFileThatIsNotLibwakuIsRefusedWithTheReason(@TempDir Path temp) throws Exception {
        Path notALibrary = Files.writeString(temp.resolve("libwaku.so"), "not a library");
        assertThatThrownBy(() -> LibWakuCheck.check(notALibrary, pinned)).isInstanceOf(LinkageError.class);
        assertThatThrownBy(() -> LibWakuCheck.check(temp.resolve("missing.so"), pinned))
                .hasMessageContaining("no such file");
    }

    @Test
    @Tag("libwaku")
    void theFixtureLibraryPassesTheReleaseCheck() throws Exception {
        RealLibWakuSmokeTest.realLibWakuOrSkip();
        Path fixture = Paths.get(System.getenv(LibWakuLoader.PATH_ENV) == null ? "" : System.getenv(LibWakuLoader.PATH_ENV));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fixture), "set " + LibWakuLoader.PATH_ENV + " to run");
        assertThat(LibWakuCheck.check(fixture, LibWakuCheck.Pinned.fromResource())).contains("v0.36.0-114-g7d1c6a");
    }
}

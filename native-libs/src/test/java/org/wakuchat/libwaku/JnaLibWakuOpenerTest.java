package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class JnaLibWakuOpenerTest {

    @Test
    void aLibraryThatIsNotLibwakuIsRefusedWithTheMissingFunctions() {
        JnaLibWakuOpener opener = new JnaLibWakuOpener(
                org.wakuchat.libwaku.Platform.of(System.getProperty("os.name"), System.getProperty("os.arch")));
        String systemC = Platform.isWindows() ? "msvcrt" : "c";

        assertThatThrownBy(() -> opener.openByName(systemC))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining("is not libwaku v0.36.x")
                .hasMessageContaining("waku_new");
    }

    @Test
    void opensPrivatelySoLibwakusSymbolsCannotInterposeAndNeverUnmapped() {
        assertThat(JnaLibWakuOpener.options(org.wakuchat.libwaku.Platform.of("Linux", "amd64")))
                .containsEntry(Library.OPTION_OPEN_FLAGS, 0x2 | 0x1000);
        assertThat(JnaLibWakuOpener.options(org.wakuchat.libwaku.Platform.of("Mac OS X", "aarch64")))
                .containsEntry(Library.OPTION_OPEN_FLAGS, 0x2 | 0x4 | 0x80);
        assertThat(JnaLibWakuOpener.options(org.wakuchat.libwaku.Platform.of("Linux", "amd64")))
                .containsEntry(Library.OPTION_STRING_ENCODING, "UTF-8");
    }
}

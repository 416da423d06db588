package org.wakuchat.libwaku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LibWakuLoaderTest {

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>(Map.of("os.name", "Linux", "os.arch", "amd64"));
    private final Set<Path> files = new HashSet<>();
    private final RecordingOpener opener = new RecordingOpener();
    private Path workingDir = Path.of("/home/ann/wakuchat/chat-core");

    @Test
    void systemPropertyComesFirst() throws Exception {
        properties.put(LibWakuLoader.PATH_PROPERTY, "/opt/waku/libwaku.so");
        env.put(LibWakuLoader.PATH_ENV, "/env/libwaku.so");
        files.addAll(List.of(Path.of("/opt/waku/libwaku.so"), Path.of("/env/libwaku.so")));

        loader().load();

        assertThat(opener.opened).containsExactly("/opt/waku/libwaku.so");
    }

    @Test
    void environmentVariableWhenThePropertyPointsNowhere() throws Exception {
        properties.put(LibWakuLoader.PATH_PROPERTY, "/typo/libwaku.so");
        env.put(LibWakuLoader.PATH_ENV, "/env/libwaku.so");
        files.add(Path.of("/env/libwaku.so"));

        loader().load();

        assertThat(opener.opened).containsExactly("/env/libwaku.so");
    }

    @Test
    void packagedLinuxAppLooksNextToItsJars() throws Exception {
        properties.put("jpackage.app-path", "/opt/wakuchat/bin/WakuChat");
        files.add(Path.of("/opt/wakuchat/lib/libwaku.so"));

        loader().load();

        assertThat(opener.opened).containsExactly("/opt/wakuchat/lib/libwaku.so");
    }

    @Test
    void jpackageLayoutsPerOperatingSystem() {
        assertThat(LibWakuLoader.appLibraryFolders(Path.of("/opt/wakuchat/bin"), Platform.of("Linux", "amd64")))
                .containsExactly(Path.of("/opt/wakuchat/lib/app"), Path.of("/opt/wakuchat/lib"));
        assertThat(LibWakuLoader.appLibraryFolders(Path.of("/Applications/WakuChat.app/Contents/MacOS"), Platform.of("Mac OS X", "aarch64")))
                .contains(Path.of("/Applications/WakuChat.app/Contents/app"));
        assertThat(LibWakuLoader.appLibraryFolders(Path.of("C:/Program Files/WakuChat"), Platform.of("Windows 11", "amd64")))
                .contains(Path.of("C:/Program Files/WakuChat/app"), Path.of("C:/Program Files/WakuChat"));
    }

    @Test
    void checkoutFolderIsFoundFromAModuleDirectory() throws Exception {
        files.add(Path.of("/home/ann/wakuchat/native-libs/linux-x86_64/libwaku.so"));

        loader().load();

        assertThat(opener.opened).containsExactly("/home/ann/wakuchat/native-libs/linux-x86_64/libwaku.so");
    }

    @Test
    void macFileNameAndFolder() throws Exception {
        properties.putAll(Map.of("os.name", "Mac OS X", "os.arch", "aarch64"));
        files.add(Path.of("/home/ann/wakuchat/native-libs/macos-aarch64/libwaku.dylib"));

        loader().load();

        assertThat(opener.opened).containsExactly("/home/ann/wakuchat/native-libs/macos-aarch64/libwaku.dylib");
    }

    @Test
    void systemLibraryPathLast() throws Exception {
        opener.systemHasIt = true;

        loader().load();

        assertThat(opener.opened).containsExactly("name:waku");
    }

    @Test
    void aFileThatFailsToLoadIsReportedAndTheSearchGoesOn() throws Exception {
        env.put(LibWakuLoader.PATH_ENV, "/env/libwaku.so");
        files.addAll(List.of(Path.of("/env/libwaku.so"), Path.of("/home/ann/wakuchat/native-libs/linux-x86_64/libwaku.so")));
        opener.broken.add("/env/libwaku.so");

        loader().load();

        assertThat(opener.opened).containsExactly("/env/libwaku.so", "/home/ann/wakuchat/native-libs/linux-x86_64/libwaku.so");
    }

    @Test
    void notFoundExplainsEveryPlaceAndHowToGetIt() {
        properties.put(LibWakuLoader.PATH_PROPERTY, "/typo/libwaku.so");
        env.put(LibWakuLoader.PATH_ENV, "/env/libwaku.so");
        files.add(Path.of("/env/libwaku.so"));
        opener.broken.add("/env/libwaku.so");

        assertThatThrownBy(() -> loader().load())
                .isInstanceOf(LibWakuNotFound.class)
                .hasMessageContaining("system property wakuchat.libwaku /typo/libwaku.so — no such file")
                .hasMessageContaining("environment variable WAKUCHAT_LIBWAKU /env/libwaku.so — found but failed to load: wrong ELF class")
                .hasMessageContaining("not a packaged app")
                .hasMessageContaining("native-libs/linux-x86_64/libwaku.so in /home/ann/wakuchat/chat-core or any parent")
                .hasMessageContaining("system library path")
                .hasMessageContaining("make libwaku")
                .hasMessageContaining("native-libs/README.md");
    }

    @Test
    void unsupportedPlatformSaysSo() {
        properties.putAll(Map.of("os.name", "FreeBSD", "os.arch", "riscv64"));

        assertThatThrownBy(() -> loader().load()).hasMessageContaining("unsupported platform");
    }

    private LibWakuLoader loader() {
        LibWakuLoader.Host host = new LibWakuLoader.Host(env::get, properties::get, workingDir, files::contains);
        return new LibWakuLoader(host, opener);
    }

    private static final class RecordingOpener implements LibWakuLoader.Opener {
        final List<String> opened = new ArrayList<>();
        final Set<String> broken = new HashSet<>();
        boolean systemHasIt;

        @Override
        public LibWaku openFile(Path file) {
            opened.add(file.toString().replace('\\', '/'));
            if (broken.contains(file.toString())) {
                throw new UnsatisfiedLinkError("wrong ELF class: ELFCLASS32");
            }
            return new FakeLibWaku();
        }

        @Override
        public LibWaku openByName(String name) {
            if (!systemHasIt) {
                throw new UnsatisfiedLinkError("Unable to load library '" + name + "'");
            }
            opened.add("name:" + name);
            return new FakeLibWaku();
        }
    }
}

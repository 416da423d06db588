package org.wakuchat.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCodesTest {

    @TempDir
    Path folder;

    @Test
    void aSavedCodeDecodesToTheSameText() throws Exception {
        String link = "wakuchat://invite/" + "A".repeat(180);
        Path png = folder.resolve("code.png");
        QrCodes.savePng(QrCodes.matrix(link), 4, png);
        assertThat(QrCodes.decode(png)).contains(link);
    }

    @Test
    void aFileThatIsNoImageIsAClearError() throws Exception {
        Path notImage = Files.writeString(folder.resolve("x.png"), "hello");
        assertThatThrownBy(() -> QrCodes.decode(notImage)).isInstanceOf(IOException.class).hasMessageContaining("not an image");
    }
}

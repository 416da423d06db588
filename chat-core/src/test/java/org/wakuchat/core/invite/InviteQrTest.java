package org.wakuchat.core.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.WriterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteQrTest {

    /** Measures what the docs report (docs/invites.md): link length and QR version at level M. */
    @ParameterizedTest
    @ValueSource(strings = {"B", "Bob", Invites.LONGEST_ASCII_NAME, Invites.LONGEST_EMOJI_NAME, Invites.LONGEST_MIXED_NAME})
    void linkFitsInQrVersion10AtLevelM(String name) throws WriterException {
        String link = Invites.invite(name).link();
        int version = Encoder.encode(link, ErrorCorrectionLevel.M).getVersion().getVersionNumber();

        System.out.printf("invite link: name %2d UTF-8 bytes -> %3d characters, QR version %d-M (%d modules)%n",
                name.getBytes(StandardCharsets.UTF_8).length, link.length(), version, 17 + 4 * version);
        assertThat(link.length()).isLessThanOrEqualTo(200);
        assertThat(version).isLessThanOrEqualTo(10);
        assertThat(InviteQr.version(link)).isEqualTo(version);
    }

    @Test
    void matrixIsTheCodeWithAQuietZone() {
        String link = Invites.invite(Invites.LONGEST_ASCII_NAME).link();
        int modules = 17 + 4 * InviteQr.version(link);

        BitMatrix matrix = InviteQr.matrix(link);

        assertThat(matrix.getWidth()).isEqualTo(modules + 2 * InviteQr.QUIET_ZONE).isEqualTo(matrix.getHeight());
        // The three finder patterns start with a dark corner; the quiet zone is light.
        assertThat(matrix.get(InviteQr.QUIET_ZONE, InviteQr.QUIET_ZONE)).isTrue();
        assertThat(matrix.get(InviteQr.QUIET_ZONE + modules - 1, InviteQr.QUIET_ZONE)).isTrue();
        assertThat(matrix.get(InviteQr.QUIET_ZONE, InviteQr.QUIET_ZONE + modules - 1)).isTrue();
        assertThat(matrix.get(0, 0)).isFalse();
        assertThat(matrix.get(matrix.getWidth() - 1, matrix.getHeight() - 1)).isFalse();
    }

    @Test
    void refusesTextThatIsNoInviteLink() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InviteQr.matrix("wakuchat://invite/\u732b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

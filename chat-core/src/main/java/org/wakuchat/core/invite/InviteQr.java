package org.wakuchat.core.invite;

import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

/**
 * The QR code of an invite link, at error correction level M (15% of the code may be damaged or
 * covered and it still scans). Invite links are short enough for version 9 or lower. Links are
 * ASCII, so they are encoded in byte mode without a character-set (ECI) header.
 */
public final class InviteQr {

    /** The quiet zone around the code, in modules, as the QR standard asks. */
    public static final int QUIET_ZONE = 4;

    private InviteQr() {
    }

    /**
     * The code as one bit per module ({@code true} is dark), including a {@link #QUIET_ZONE}
     * border; the UI scales it.
     *
     * @throws IllegalArgumentException when {@code link} is not ASCII, as invite links are
     */
    public static BitMatrix matrix(String link) {
        ByteMatrix modules = encode(link).getMatrix();
        int size = modules.getWidth() + 2 * QUIET_ZONE;
        BitMatrix out = new BitMatrix(size, size);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y) == 1) {
                    out.set(x + QUIET_ZONE, y + QUIET_ZONE);
                }
            }
        }
        return out;
    }

    /** The QR version (1..40) the link needs; its size is 17 + 4 × version modules. */
    public static int version(String link) {
        return encode(link).getVersion().getVersionNumber();
    }

    private static QRCode encode(String link) {
        if (!link.chars().allMatch(c -> c < 0x80)) {
            throw new IllegalArgumentException("invite links are ASCII");
        }
        try {
            return Encoder.encode(link, ErrorCorrectionLevel.M);
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("text too long for a QR code", tooLong);
        }
    }
}

package org.wakuchat.app.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;

/**
 * QR codes with zxing: draw a code as a JavaFX image or PNG, decode from images. Invite codes are
 * made by core's {@code InviteQr}; {@link #matrix} is for the other codes (the safety number).
 */
public final class QrCodes {

    private QrCodes() {
    }

    /** The modules of a QR code for {@code text} (medium error correction, 2-module quiet zone). */
    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("text too long for a QR code", tooLong);
        }
    }

    /** Draws the matrix with {@code scale} pixels per module, black on white (scanners need the contrast). */
    public static Image toImage(BitMatrix matrix, int scale) {
        WritableImage image = new WritableImage(matrix.getWidth() * scale, matrix.getHeight() * scale);
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.setColor(x, y, matrix.get(x / scale, y / scale) ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }

    public static void savePng(BitMatrix matrix, int scale, Path file) throws IOException {
        BitMatrix scaled = new BitMatrix(matrix.getWidth() * scale, matrix.getHeight() * scale);
        for (int y = 0; y < scaled.getHeight(); y++) {
            for (int x = 0; x < scaled.getWidth(); x++) {
                if (matrix.get(x / scale, y / scale)) {
                    scaled.set(x, y);
                }
            }
        }
        // Written beside the target and moved into place, so nobody (a file manager, a chat upload)
        // ever sees a half-written PNG under the chosen name.
        Path absolute = file.toAbsolutePath();
        Path partial = java.nio.file.Files.createTempFile(absolute.getParent(), ".qr-", ".png.part");
        try {
            MatrixToImageWriter.writeToPath(scaled, "PNG", partial);
            try {
                java.nio.file.Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(partial, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(partial);
        }
    }

    /** The text of the QR code in the image file; empty when there is none. */
    public static Optional<String> decode(Path imageFile) throws IOException {
        BufferedImage image = ImageIO.read(imageFile.toFile());
        if (image == null) {
            throw new IOException("This file is not an image Waku Chat can read (use PNG or JPEG).");
        }
        return decode(image);
    }

    public static Optional<String> decode(Image image) {
        return decode(toBufferedImage(image));
    }

    public static Optional<String> decode(BufferedImage image) {
        return decode(new BufferedImageLuminanceSource(image));
    }

    /** Decodes {@code width × height} ARGB pixels, row by row (a camera frame). */
    public static Optional<String> decode(int width, int height, int[] argb) {
        return decode(new RGBLuminanceSource(width, height, argb));
    }

    private static Optional<String> decode(LuminanceSource luminance) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(luminance));
        try {
            return Optional.of(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText());
        } catch (NotFoundException noCode) {
            return Optional.empty();
        } catch (ReaderException unreadable) {
            return Optional.empty();
        }
    }

    private static BufferedImage toBufferedImage(Image image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        return out;
    }
}

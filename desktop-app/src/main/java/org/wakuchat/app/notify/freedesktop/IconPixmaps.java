package org.wakuchat.app.notify.freedesktop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.wakuchat.app.notify.TrayImages;

/**
 * The tray PNGs as StatusNotifierItem pixmaps. Decoded with JavaFX's image loader, which is in
 * memory anyway (AWT's would add its own libraries to the process).
 */
final class IconPixmaps {

    private IconPixmaps() {
    }

    /** Every tray size, plain or with the unread dot. */
    static List<StatusNotifierItem.Pixmap> all(boolean unread) {
        return TrayImages.SIZES.stream().map(size -> decode(TrayImages.png(size, unread))).toList();
    }

    static StatusNotifierItem.Pixmap decode(URL png) {
        try (InputStream in = png.openStream()) {
            Image image = new Image(in);
            if (image.isError()) {
                throw new IllegalStateException("unreadable tray icon " + png, image.getException());
            }
            int width = (int) image.getWidth();
            int height = (int) image.getHeight();
            int[] argb = new int[width * height];
            image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
            ByteBuffer networkOrder = ByteBuffer.allocate(argb.length * 4); // big-endian: A, R, G, B
            networkOrder.asIntBuffer().put(argb);
            return new StatusNotifierItem.Pixmap(width, height, networkOrder.array());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}

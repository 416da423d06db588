package org.wakuchat.app.camera;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * One picture from a camera: {@code width × height} opaque pixels, row by row, as ARGB ints. The
 * array is handed over, not copied: whoever makes a frame must not change it afterwards.
 */
public record CameraFrame(int width, int height, int[] argb) {

    public CameraFrame {
        if (width <= 0 || height <= 0 || argb.length < width * height) {
            throw new IllegalArgumentException("frame " + width + "x" + height + " with " + argb.length + " pixels");
        }
    }

    /**
     * This frame as an image at most {@code maxWidth} pixels wide (every n-th pixel: a preview
     * needs no better), built on the calling thread so the FX thread only shows it.
     */
    public WritableImage toPreview(int maxWidth) {
        int step = Math.max(1, (width + maxWidth - 1) / maxWidth);
        int outWidth = width / step;
        int outHeight = height / step;
        int[] pixels = step == 1 ? argb : new int[outWidth * outHeight];
        if (step > 1) {
            for (int y = 0; y < outHeight; y++) {
                int row = y * step * width;
                for (int x = 0; x < outWidth; x++) {
                    pixels[y * outWidth + x] = argb[row + x * step];
                }
            }
        }
        WritableImage image = new WritableImage(outWidth, outHeight);
        image.getPixelWriter().setPixels(0, 0, outWidth, outHeight, PixelFormat.getIntArgbInstance(), pixels, 0, outWidth);
        return image;
    }
}

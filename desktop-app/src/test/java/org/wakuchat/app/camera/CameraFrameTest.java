package org.wakuchat.app.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;

class CameraFrameTest {

    @Test
    void aPreviewOfABigFrameIsSmallerAndKeepsThePicture() {
        int[] pixels = new int[1280 * 720];
        for (int y = 0; y < 720; y++) {
            for (int x = 0; x < 1280; x++) {
                pixels[y * 1280 + x] = x < 640 ? 0xFFFF0000 : 0xFF0000FF; // red left half, blue right half
            }
        }
        WritableImage preview = new CameraFrame(1280, 720, pixels).toPreview(640);

        assertThat(preview.getWidth()).isEqualTo(640);
        assertThat(preview.getHeight()).isEqualTo(360);
        assertThat(preview.getPixelReader().getArgb(10, 10)).isEqualTo(0xFFFF0000);
        assertThat(preview.getPixelReader().getArgb(630, 350)).isEqualTo(0xFF0000FF);
    }

    @Test
    void aFrameWithTooFewPixelsIsRefused() {
        assertThatThrownBy(() -> new CameraFrame(10, 10, new int[99])).isInstanceOf(IllegalArgumentException.class);
    }
}

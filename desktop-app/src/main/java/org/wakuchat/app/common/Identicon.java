package org.wakuchat.app.common;

import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import org.wakuchat.core.crypto.Crypto;

/**
 * A contact's picture drawn from their identity key: a symmetric 5×5 pattern in a colour from
 * the key's hash, so the same key always looks the same and different keys rarely alike.
 */
public final class Identicon {

    private static final int CELLS = 5;

    private Identicon() {
    }

    public static Node of(byte[] identityKey, double size) {
        byte[] hash = Crypto.sha256(identityKey);
        Canvas canvas = new Canvas(size, size);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double hue = ((hash[0] & 0xff) << 8 | (hash[1] & 0xff)) * 360.0 / 65536;
        g.setFill(Color.hsb(hue, 0.12, 0.96));
        g.fillRect(0, 0, size, size);
        g.setFill(Color.hsb(hue, 0.65, 0.72));
        double margin = size * 0.15;
        double cell = (size - 2 * margin) / CELLS;
        for (int row = 0; row < CELLS; row++) {
            for (int col = 0; col < (CELLS + 1) / 2; col++) {
                boolean on = (hash[2 + row * 3 + col] & 1) == 1;
                if (on) {
                    g.fillRect(margin + col * cell, margin + row * cell, cell + 0.5, cell + 0.5);
                    g.fillRect(margin + (CELLS - 1 - col) * cell, margin + row * cell, cell + 0.5, cell + 0.5);
                }
            }
        }
        canvas.setClip(new Circle(size / 2, size / 2, size / 2));
        return canvas;
    }
}

package org.wakuchat.cli;

import com.google.zxing.common.BitMatrix;
import java.util.ArrayList;
import java.util.List;
import org.wakuchat.core.invite.InviteQr;

/**
 * A QR code drawn in a terminal with Unicode half blocks: each character is two modules stacked,
 * so the code stays square. Dark modules are drawn as blocks (right for dark text on a light
 * background); {@code inverted} swaps them for light text on a dark background. The quiet zone
 * is kept.
 */
final class QrText {

    private QrText() {
    }

    static List<String> lines(String link, boolean inverted) {
        BitMatrix matrix = InviteQr.matrix(link);
        List<String> lines = new ArrayList<>();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            StringBuilder line = new StringBuilder(matrix.getWidth());
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean top = matrix.get(x, y) != inverted;
                boolean bottom = (y + 1 < matrix.getHeight() && matrix.get(x, y + 1)) != inverted;
                line.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}

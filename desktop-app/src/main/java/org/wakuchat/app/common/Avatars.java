package org.wakuchat.app.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.wakuchat.core.crypto.Crypto;

/**
 * Round pictures with a person's initials (group members) and a group's picture (the first
 * members' initials, overlapping). The colour comes from the name, so a member looks the same
 * everywhere.
 */
public final class Avatars {

    private Avatars() {
    }

    /** "Alice Wonderland" → "AW", "bob" → "B". */
    public static String initials(String name) {
        String[] words = name.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && out.length() < 2) {
                out.appendCodePoint(word.codePointAt(0));
            }
        }
        return out.isEmpty() ? "?" : out.toString().toUpperCase(Locale.ROOT);
    }

    public static Node initials(String name, double size) {
        byte[] hash = Crypto.sha256(name.getBytes(StandardCharsets.UTF_8));
        double hue = ((hash[0] & 0xff) << 8 | (hash[1] & 0xff)) * 360.0 / 65536;
        Circle circle = new Circle(size / 2, Color.hsb(hue, 0.45, 0.78));
        circle.getStyleClass().add("avatar-circle");
        Label letters = new Label(initials(name));
        letters.setFont(Font.font(null, FontWeight.BOLD, size * 0.38));
        letters.setTextFill(Color.WHITE);
        StackPane avatar = new StackPane(circle, letters);
        avatar.setMinSize(size, size);
        avatar.setMaxSize(size, size);
        avatar.getStyleClass().add("avatar");
        return avatar;
    }

    /** A group's picture: up to two members' initials, the second lower right over the first. */
    public static Node group(List<String> memberNames, double size) {
        if (memberNames.isEmpty()) {
            return initials("?", size);
        }
        if (memberNames.size() == 1) {
            return initials(memberNames.getFirst(), size);
        }
        double small = size * 0.68;
        Node first = initials(memberNames.get(0), small);
        Node second = initials(memberNames.get(1), small);
        StackPane.setAlignment(first, Pos.TOP_LEFT);
        StackPane.setAlignment(second, Pos.BOTTOM_RIGHT);
        second.getStyleClass().add("avatar-front");
        StackPane picture = new StackPane(first, second);
        picture.setMinSize(size, size);
        picture.setMaxSize(size, size);
        picture.getStyleClass().add("group-avatar");
        return picture;
    }
}

package org.wakuchat.app.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;

/**
 * Message text as runs for a TextFlow: plain runs and clickable web links, all {@link Text} so that
 * character positions in the flow are positions in the message (for selecting part of it).
 */
final class MessageText {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]']");

    private MessageText() {
    }

    static List<Text> nodes(String text, Consumer<String> openLink) {
        List<Text> nodes = new ArrayList<>();
        Matcher links = LINK.matcher(text);
        int last = 0;
        while (links.find()) {
            if (links.start() > last) {
                nodes.add(plain(text.substring(last, links.start())));
            }
            String url = links.group();
            nodes.add(link(url, openLink));
            last = links.end();
        }
        if (last < text.length()) {
            nodes.add(plain(text.substring(last)));
        }
        return nodes;
    }

    static List<String> links(String text) {
        List<String> found = new ArrayList<>();
        Matcher links = LINK.matcher(text);
        while (links.find()) {
            found.add(links.group());
        }
        return found;
    }

    private static Text link(String url, Consumer<String> openLink) {
        Text link = new Text(url);
        link.getStyleClass().add("message-link");
        link.setCursor(Cursor.HAND);
        link.setOnMouseClicked(click -> {
            // a click opens the link; a drag across it selects text instead
            if (click.getButton() == MouseButton.PRIMARY && click.getClickCount() == 1 && click.isStillSincePress()) {
                openLink.accept(url);
            }
        });
        return link;
    }

    private static Text plain(String run) {
        Text node = new Text(run);
        node.getStyleClass().add("message-text");
        return node;
    }
}

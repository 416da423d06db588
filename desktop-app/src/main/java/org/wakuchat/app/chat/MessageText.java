package org.wakuchat.app.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.text.Text;

/** Message text as nodes for a TextFlow: plain runs as Text, web links as clickable Hyperlinks. */
final class MessageText {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]']");

    private MessageText() {
    }

    static List<Node> nodes(String text, Consumer<String> openLink) {
        List<Node> nodes = new ArrayList<>();
        Matcher links = LINK.matcher(text);
        int last = 0;
        while (links.find()) {
            if (links.start() > last) {
                nodes.add(plain(text.substring(last, links.start())));
            }
            String url = links.group();
            Hyperlink link = new Hyperlink(url);
            link.getStyleClass().add("message-link");
            link.setOnAction(event -> openLink.accept(url));
            nodes.add(link);
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

    private static Text plain(String run) {
        Text node = new Text(run);
        node.getStyleClass().add("message-text");
        return node;
    }
}

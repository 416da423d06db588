package org.wakuchat.app.chat;

import java.text.BreakIterator;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Path;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A message's text that can be partly selected with the mouse (drag, double-click for a word,
 * triple-click for all) and copied; web links inside stay clickable. A TextFlow draws the text;
 * the selection is its range shape painted behind it.
 */
final class SelectableText extends StackPane {

    private final TextFlow flow = new TextFlow();
    private final Path highlight = new Path();
    private final TextSelection selection;
    private String text = "";
    private int anchor;
    private int start;
    private int end;
    private boolean selecting;

    SelectableText(TextSelection selection) {
        this.selection = selection;
        highlight.getStyleClass().add("text-selection");
        highlight.setManaged(false);
        flow.setCursor(Cursor.TEXT);
        getChildren().addAll(highlight, flow);
        setAlignment(javafx.geometry.Pos.TOP_LEFT);
        flow.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        flow.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        flow.addEventHandler(MouseEvent.MOUSE_RELEASED, released -> selecting = false);
    }

    /** Shows this text, with its links opening through {@code openLink}; drops any selection. */
    void show(String value, Consumer<String> openLink) {
        text = value;
        List<Text> runs = MessageText.nodes(value, openLink);
        if (runs.size() == 1 && flow.getChildren().size() == 1 && flow.getChildren().getFirst() instanceof Text shown
                && shown.getStyleClass().equals(runs.getFirst().getStyleClass())) {
            shown.setText(value); // the common case, plain text: a new node would be styled from scratch
        } else {
            flow.getChildren().setAll(runs);
        }
        select(0, 0);
    }

    String selectedText() {
        return text.substring(start, end);
    }

    boolean hasSelection() {
        return end > start;
    }

    void select(int from, int to) {
        start = Math.max(0, Math.min(from, to));
        end = Math.min(text.length(), Math.max(from, to));
        if (end > start) {
            highlight.getElements().setAll(flow.getRangeShape(start, end, true));
        } else {
            highlight.getElements().clear();
        }
    }

    void clearSelection() {
        select(0, 0);
    }

    private void pressed(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY) {
            return; // the context menu copies what is selected
        }
        selection.activate(this);
        selecting = true;
        int at = indexAt(event);
        switch (event.getClickCount()) {
            case 1 -> {
                anchor = at;
                select(at, at);
            }
            case 2 -> selectWordAt(at);
            default -> select(0, text.length());
        }
        event.consume(); // the list must neither select the row nor start its own drag
    }

    private void dragged(MouseEvent event) {
        if (selecting) { // the pressed primary button (not every platform's robot reports it in drag events)
            select(anchor, indexAt(event));
            event.consume();
        }
    }

    private int indexAt(MouseEvent event) {
        return Math.min(text.length(), flow.getHitInfo(new Point2D(event.getX(), event.getY())).getInsertionIndex());
    }

    private void selectWordAt(int index) {
        BreakIterator words = BreakIterator.getWordInstance();
        words.setText(text);
        int at = Math.min(index, Math.max(0, text.length() - 1));
        int wordEnd = words.following(at);
        int wordStart = words.previous();
        select(wordStart, wordEnd == BreakIterator.DONE ? text.length() : wordEnd);
    }
}

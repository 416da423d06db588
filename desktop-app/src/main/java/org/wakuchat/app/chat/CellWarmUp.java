package org.wakuchat.app.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.DeliveryState;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.Payload;

/**
 * Lays out a few sample messages once, off screen, right after the main window appears: the first
 * conversation the user opens then finds the message cell's classes loaded and its code compiled
 * (that first open took about twice as long as later ones).
 */
final class CellWarmUp {

    private CellWarmUp() {
    }

    static void run(Scene like, TimeFormat time) {
        ChatModel model = new ChatModel();
        List<ChatMessage> samples = samples();
        // long like a long conversation, so that the virtual flow's size estimates get compiled too
        ListView<ChatMessage> list = new ListView<>(new ObservableListBase<>() {
            @Override
            public ChatMessage get(int index) {
                return samples.get(index % samples.size());
            }

            @Override
            public int size() {
                return 100_000;
            }
        });
        list.getStyleClass().addAll(like.lookup("#message-list").getStyleClass());
        TextSelection selection = new TextSelection();
        list.setCellFactory(view -> new MessageCell(model, time, url -> { }, id -> { }, selection, list.widthProperty().multiply(0.72)));
        Scene scene = new Scene(new StackPane(list), 700, 900);
        scene.getStylesheets().setAll(like.getStylesheets());
        scene.getRoot().setStyle(like.getRoot().getStyle());
        list.applyCss();
        list.layout();
        for (int jump = 0; jump < 3; jump++) {
            list.scrollTo(jump % 2 == 0 ? list.getItems().size() - 1 : 0);
            list.layout();
        }
    }

    private static List<ChatMessage> samples() {
        ConversationId conversation = new ConversationId("warm-up");
        List<ChatMessage> samples = new ArrayList<>();
        DeliveryState[] states = DeliveryState.values();
        for (int i = 0; i < 40; i++) {
            boolean outgoing = i % 2 == 0;
            String text = i % 7 == 0 ? "See https://waku.org for message " + i : "Sample message " + i + " that wraps across a line or two";
            samples.add(new ChatMessage(new MessageId("warm-up-" + i), conversation, outgoing, Payload.text(text),
                    Instant.EPOCH.plusSeconds(i * 3600L), Instant.EPOCH.plusSeconds(i * 3600L),
                    outgoing ? states[i % states.length] : DeliveryState.RECEIVED, i));
        }
        return samples;
    }
}

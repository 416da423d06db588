package org.wakuchat.app.verify;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import java.util.Base64;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2MZ;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.DialogFrame;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.common.QrCodes;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.account.SafetyNumber;

/** Compare safety numbers with the contact (in person or on a call) and mark them verified. */
public final class VerifyController implements Controller {

    private final ChatEngine engine;
    private final UiExecutor executor;
    private final ConversationId id;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty digits = new SimpleStringProperty("");
    private final ObjectProperty<Image> qr = new SimpleObjectProperty<>();
    private final BooleanProperty verified = new SimpleBooleanProperty();
    private final VBox root;

    public VerifyController(ChatEngine engine, UiExecutor executor, ConversationId id, Runnable onClose) {
        this.engine = engine;
        this.executor = executor;
        this.id = id;
        this.root = buildView(onClose);
    }

    @Override
    public Parent view() {
        return root;
    }

    private record Loaded(Conversation conversation, SafetyNumber number) {
    }

    @Override
    public void onActivate() {
        executor.run(() -> new Loaded(engine.conversation(id), engine.safetyNumber(id)), loaded -> {
            name.set(loaded.conversation().displayName());
            verified.set(loaded.conversation().verified());
            digits.set(loaded.number().grouped());
            qr.set(QrCodes.toImage(QrCodes.matrix(Base64.getEncoder().encodeToString(loaded.number().qrPayload())), 5));
        }, failure -> digits.set("Could not compute the safety number: " + failure.getMessage()));
    }

    private void toggleVerified() {
        boolean target = !verified.get();
        executor.run(() -> {
            engine.setVerified(id, target);
            return target;
        }, verified::set, failure -> { });
    }

    private VBox buildView(Runnable onClose) {
        Label intro = new Label();
        intro.textProperty().bind(Bindings.concat("Compare these numbers with ", name,
                "'s screen, in person or on a call. If they match, nobody is in between."));
        intro.setWrapText(true);
        intro.setMaxWidth(400);
        Label number = new Label();
        number.setId("safety-number");
        number.textProperty().bind(digits);
        number.getStyleClass().addAll("safety-number", Styles.TITLE_3);
        ImageView code = new ImageView();
        code.imageProperty().bind(qr);
        code.setFitWidth(180);
        code.setFitHeight(180);
        code.setSmooth(false);
        HBox numbers = new HBox(24, number, code);
        numbers.setAlignment(Pos.CENTER);
        Message state = new Message("Verified", "You marked this contact as verified.", Icons.icon(Material2MZ.VERIFIED_USER));
        state.getStyleClass().add(Styles.SUCCESS);
        state.visibleProperty().bind(verified);
        state.managedProperty().bind(verified);
        Button mark = new Button();
        mark.setId("mark-verified");
        mark.textProperty().bind(Bindings.when(verified).then("Clear verification").otherwise("Mark as verified"));
        mark.setOnAction(event -> toggleVerified());
        mark.getStyleClass().add(Styles.ACCENT);
        VBox body = new VBox(16, intro, numbers, state, mark);
        VBox frame = DialogFrame.of("Verify safety number", body, onClose);
        frame.setId("verify-dialog");
        return frame;
    }
}

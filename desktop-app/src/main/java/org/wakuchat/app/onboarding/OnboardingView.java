package org.wakuchat.app.onboarding;

import atlantafx.base.controls.Card;
import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.material2.Material2AL;
import org.wakuchat.app.common.Icons;
import org.wakuchat.app.onboarding.OnboardingModel.Mode;

/** First run: create the account, or unlock it. One card, centred; the fields depend on the mode. */
final class OnboardingView {

    private final StackPane root = new StackPane();
    private final OnboardingModel model;
    private final PasswordField passphrase = new PasswordField();
    private final TextField name = new TextField();

    OnboardingView(OnboardingModel model, Runnable onSubmit) {
        this.model = model;
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_2);
        title.setId("onboarding-title");
        Label subtitle = new Label();
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        subtitle.setPrefWidth(390);
        subtitle.setMinHeight(Label.USE_PREF_SIZE);

        name.setId("display-name");
        name.setPromptText("The name your contacts see");
        name.textProperty().bindBidirectional(model.displayName);
        VBox nameBox = field("Display name", name);

        passphrase.setId("passphrase");
        passphrase.setPromptText("Passphrase");
        passphrase.textProperty().bindBidirectional(model.passphrase);

        HBox strengthMeter = strengthMeter(model);
        Label strengthLabel = new Label();
        strengthLabel.setId("strength-label");
        strengthLabel.textProperty().bind(Bindings.when(model.strengthAdvice.isEmpty()).then(model.strengthLabel)
                .otherwise(Bindings.concat(model.strengthLabel, " — ", model.strengthAdvice)));
        strengthLabel.getStyleClass().add(Styles.TEXT_SMALL);
        strengthLabel.setWrapText(true);
        strengthLabel.setPrefWidth(390);
        strengthLabel.setMinHeight(Label.USE_PREF_SIZE);
        VBox strengthBox = new VBox(4, strengthMeter, strengthLabel);
        strengthBox.visibleProperty().bind(model.strength.greaterThanOrEqualTo(0).and(model.mode.isEqualTo(Mode.CREATE)));
        strengthBox.managedProperty().bind(strengthBox.visibleProperty());
        VBox passBox = field("Passphrase", passphrase);
        passBox.getChildren().add(strengthBox);

        PasswordField confirm = new PasswordField();
        confirm.setId("confirm-passphrase");
        confirm.setPromptText("Type it again");
        confirm.textProperty().bindBidirectional(model.confirmation);
        VBox confirmBox = field("Confirm passphrase", confirm);

        Message error = new Message("", "", Icons.icon(Material2AL.ERROR_OUTLINE));
        error.getStyleClass().add(Styles.DANGER);
        error.setId("onboarding-error");
        error.titleProperty().bind(model.errorTitle);
        error.descriptionProperty().bind(model.error);
        error.visibleProperty().bind(model.error.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button submit = new Button();
        submit.setId("onboarding-submit");
        submit.setDefaultButton(true);
        submit.getStyleClass().add(Styles.ACCENT);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.disableProperty().bind(model.busy.or(model.mode.isEqualTo(Mode.NO_ENGINE)).or(model.mode.isEqualTo(Mode.CHECKING)));
        submit.setOnAction(event -> onSubmit.run());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busy);
        submit.graphicProperty().bind(Bindings.when(model.busy).then((javafx.scene.Node) spinner).otherwise((javafx.scene.Node) null));

        Message noEngine = new Message("Chat engine not available yet",
                "No account can be created or opened in this build. "
                        + "Start with --demo to try the app with made-up contacts.", Icons.icon(Material2AL.ERROR_OUTLINE));
        noEngine.getStyleClass().add(Styles.WARNING);
        noEngine.setId("no-engine-message");
        noEngine.visibleProperty().bind(model.mode.isEqualTo(Mode.NO_ENGINE));
        noEngine.managedProperty().bind(noEngine.visibleProperty());

        model.mode.subscribe(mode -> {
            boolean create = mode != Mode.UNLOCK;
            title.setText(create ? "Welcome to Waku Chat" : "Unlock Waku Chat");
            subtitle.setText(create
                    ? "Private chat, peer to peer. Your account lives only on this computer; the passphrase protects it."
                    : "Enter your passphrase to open your chats.");
            submit.setText(create ? "Create account" : "Unlock");
            nameBox.setVisible(create);
            nameBox.setManaged(create);
            confirmBox.setVisible(create);
            confirmBox.setManaged(create);
        });
        model.error.subscribe(text -> {
            if (!text.isEmpty() && model.mode.get() == Mode.UNLOCK) {
                passphrase.requestFocus();
            }
        });

        VBox body = new VBox(14, noEngine, nameBox, passBox, confirmBox, error);
        VBox header = new VBox(6, title, subtitle);
        Card card = new Card();
        card.setHeader(header);
        card.setBody(body);
        VBox footer = new VBox(submit);
        footer.setPadding(new Insets(0, 0, 12, 0)); // the card has no padding below its footer
        card.setFooter(footer);
        card.setMaxWidth(440);
        card.setMaxHeight(Card.USE_PREF_SIZE);
        card.getStyleClass().add(Styles.ELEVATED_2);
        card.setId("onboarding-card");
        card.setFocusTraversable(false); // the fields take the focus, not their frame
        root.getChildren().add(card);
        root.setAlignment(Pos.CENTER);
        root.setPadding(new Insets(24));
        root.getStyleClass().add("onboarding");
    }

    /** Four segments lit by the zxcvbn score: red when weak, amber when fair, green when strong. */
    private static HBox strengthMeter(OnboardingModel model) {
        HBox meter = new HBox(4);
        for (int i = 0; i < 4; i++) {
            Region segment = new Region();
            segment.setMinHeight(5);
            segment.setPrefHeight(5);
            HBox.setHgrow(segment, Priority.ALWAYS);
            segment.setMaxWidth(Double.MAX_VALUE);
            meter.getChildren().add(segment);
        }
        model.score.subscribe(score -> {
            int lit = Math.max(1, score.intValue());
            String level = score.intValue() < 2 ? "weak" : score.intValue() < 3 ? "fair" : "strong";
            for (int i = 0; i < 4; i++) {
                meter.getChildren().get(i).getStyleClass().setAll("strength-segment", i < lit ? "strength-" + level : "strength-off");
            }
        });
        return meter;
    }

    private static VBox field(String label, javafx.scene.Node input) {
        Label caption = new Label(label);
        caption.getStyleClass().add(Styles.TEXT_SMALL);
        caption.setLabelFor(input);
        return new VBox(4, caption, input);
    }

    StackPane root() {
        return root;
    }

    /** The display name when creating an account, the passphrase when unlocking. */
    void focusFirstField() {
        (model.mode.get() == OnboardingModel.Mode.CREATE ? name : passphrase).requestFocus();
    }
}

package org.wakuchat.app.notify;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wakuchat.app.common.Toaster;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.main.MainController;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ChatEvent;
import org.wakuchat.core.ChatMessage;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.ConversationId;

/**
 * Notifications for new messages and the tray icon, through the {@link DesktopShell}: the desktop's
 * own where it has them, else a note inside the window. Everything that talks to the desktop runs
 * on one background thread; the rest on the JavaFX thread.
 */
public final class DesktopIntegration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopIntegration.class);

    private final Stage stage;
    private final ObjectProperty<UiSettings> settings;
    private final Toaster toaster;
    private final Clock clock;
    private final DesktopShell shell;
    private final ExecutorService desktop = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "desktop-integration");
        thread.setDaemon(true);
        return thread;
    });
    /** Notices not yet handed to the desktop, latest per conversation: a burst becomes one call. */
    private final Map<ConversationId, Notice> pending = new LinkedHashMap<>();
    // written once on the desktop thread, read there
    private Optional<DesktopNotifier> notifier = Optional.empty();
    private Optional<DesktopTray> tray = Optional.empty();
    // JavaFX thread only
    private boolean trayShown;
    private MainController main;
    private NotificationPolicy policy;
    private ChatEngine.Subscription messages;
    private Subscription watches = Subscription.EMPTY;

    public DesktopIntegration(Stage stage, ObjectProperty<UiSettings> settings, Toaster toaster, Clock clock,
                              DesktopShell shell) {
        this.stage = stage;
        this.settings = settings;
        this.toaster = toaster;
        this.clock = clock;
        this.shell = shell;
    }

    /** Looks for the desktop's services in the background, once the window is up. Call on the FX thread. */
    public void start() {
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, this::closeToTray);
        if (stage.getScene() != null) {
            stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                    this::quit);
        }
        watches = watches.and(settings.subscribe(current -> applyImplicitExit()))
                .and(stage.focusedProperty().subscribe(focused -> {
                    if (focused && main != null) {
                        opened(main.shownConversation().get()); // the user sees it now
                    }
                }));
        Platform.runLater(() -> desktop.execute(this::connect));
    }

    /** Notifies for the unlocked account's incoming messages and shows its unread count in the tray. */
    public void follow(ChatEngine engine, MainController unlocked) {
        main = unlocked;
        policy = new NotificationPolicy(clock.instant());
        messages = engine.subscribe(event -> {
            if (event instanceof ChatEvent.MessageAdded added && !added.message().outgoing()) {
                desktop.execute(() -> announce(engine, added.message()));
            }
        });
        watches = watches.and(unlocked.shownConversation().subscribe(this::opened))
                .and(unlocked.unread().subscribe(count -> onDesktop(() -> tray.ifPresent(t -> t.showUnread(count.intValue())))));
    }

    @Override
    public void close() {
        watches.unsubscribe();
        if (messages != null) {
            messages.close();
        }
        desktop.execute(() -> {
            notifier.ifPresent(DesktopNotifier::close);
            tray.ifPresent(DesktopTray::close);
            shell.close();
        });
        desktop.shutdown();
        try {
            // a moment for the tray and notifications to be taken back before the process ends
            desktop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- background (desktop thread)

    private void connect() {
        notifier = shell.notifier(this::clicked);
        tray = shell.tray(new DesktopTray.Actions(() -> Platform.runLater(this::raise), () -> Platform.runLater(this::quit)));
        boolean shown = tray.isPresent();
        Platform.runLater(() -> {
            trayShown = shown;
            applyImplicitExit();
            if (main != null) {
                int unread = main.unread().get();
                onDesktop(() -> tray.ifPresent(t -> t.showUnread(unread)));
            }
        });
    }

    private void announce(ChatEngine engine, ChatMessage message) {
        String title;
        String author = null;
        try {
            if (message.sender().isPresent()) {
                Group group = engine.group(message.conversation());
                title = group.name();
                author = group.members().stream().filter(m -> m.id().equals(message.sender().get()))
                        .map(GroupMember::name).findFirst().orElse("A former member");
            } else {
                title = engine.conversation(message.conversation()).displayName();
            }
        } catch (RuntimeException gone) {
            LOG.debug("No notification for a message in an unknown conversation: {}", gone.toString());
            return;
        }
        String by = author;
        Platform.runLater(() -> decide(message, title, by));
    }

    private void deliverPending() {
        Map<ConversationId, Notice> due;
        synchronized (pending) {
            due = new LinkedHashMap<>(pending);
            pending.clear();
        }
        if (due.isEmpty()) {
            return;
        }
        if (notifier.isPresent()) {
            due.values().forEach(notifier.get()::show);
        } else {
            Platform.runLater(() -> due.values().forEach(notice -> toaster.show("New message from " + notice.title())));
        }
    }

    private void clicked(ConversationId conversation) {
        Platform.runLater(() -> {
            raise();
            if (main != null) {
                main.openConversation(conversation);
                opened(conversation);
            }
        });
    }

    private void onDesktop(Runnable work) {
        desktop.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException failed) {
                LOG.warn("Desktop integration call failed: {}", failed.toString());
            }
        });
    }

    // ---- JavaFX thread

    private void decide(ChatMessage message, String sender, String author) {
        if (policy == null) {
            return;
        }
        UiSettings current = settings.get();
        NotificationPolicy.Situation now = new NotificationPolicy.Situation(current != null && current.notifications(),
                stage.isShowing() && stage.isFocused(), main == null ? null : main.shownConversation().get());
        policy.incoming(message, sender, author, now).ifPresent(notice -> {
            synchronized (pending) {
                pending.put(notice.conversation(), notice);
            }
            onDesktop(this::deliverPending);
        });
    }

    private void opened(ConversationId conversation) {
        if (conversation == null || policy == null) {
            return;
        }
        policy.opened(conversation);
        synchronized (pending) {
            pending.remove(conversation);
        }
        onDesktop(() -> notifier.ifPresent(n -> n.withdraw(conversation)));
    }

    private void raise() {
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    private void quit() {
        Platform.exit();
    }

    private boolean keepsRunningInTray() {
        UiSettings current = settings.get();
        return trayShown && current != null && current.keepInTray();
    }

    /** Without a tray the toolkit's setting is left alone (JavaFX quits when the last window closes). */
    private void applyImplicitExit() {
        if (trayShown) {
            Platform.setImplicitExit(!keepsRunningInTray());
        }
    }

    private void closeToTray(WindowEvent request) {
        if (keepsRunningInTray()) {
            request.consume();
            stage.hide();
        }
    }
}

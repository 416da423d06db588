package org.wakuchat.app.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Parent;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import org.wakuchat.app.camera.CameraDevice;
import org.wakuchat.app.camera.CameraException;
import org.wakuchat.app.camera.CameraSource;
import org.wakuchat.app.common.AppServices;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.FileDialogs;
import org.wakuchat.app.common.NetworkSettings;
import org.wakuchat.app.common.QrCodes;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.app.common.UiSettings;
import org.wakuchat.app.scan.AddContactModel.Feedback;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.invite.InviteNetwork;
import org.wakuchat.core.invite.InvitePreview;

/** "Add contact": reads an invite from wherever the user has it, previews it, accepts it. */
public final class AddContactController implements Controller, AddContactView.Actions {

    private static final String NO_CAMERA = "No camera found. Connect one, or open an image of the QR code instead.";
    private static final String LOOKING = "Looking for a QR code…";
    private static final String NO_QR = "No QR code found in this image. Try a sharper or larger picture of the code.";

    private final AddContactModel model = new AddContactModel();
    private final AddContactView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final FileDialogs files;
    private final CameraSource cameras;
    private final ObjectProperty<UiSettings> settings;
    private CameraScan scan;
    private final Consumer<Conversation> onAccepted;
    private final Runnable onClose;

    public AddContactController(ChatEngine engine, AppServices services,
                                Consumer<Conversation> onAccepted, Runnable onClose) {
        this.engine = engine;
        this.executor = services.executor();
        this.files = services.files();
        this.cameras = services.cameras();
        this.settings = services.settings();
        this.onAccepted = onAccepted;
        this.onClose = onClose;
        this.view = new AddContactView(model, this);
        model.camera.addListener((observable, before, chosen) -> {
            if (model.cameraOn.get() && chosen != null) {
                openCamera(chosen);
            }
        });
    }

    @Override
    public void onDeactivate() {
        if (scan != null) {
            cancelCamera();
            scan.shutdown();
            scan = null;
        }
    }

    @Override
    public Parent view() {
        return view.root();
    }

    /** Shows this link in the input and checks it at once. */
    public void prefill(String link) {
        model.input.set(link);
        check(link);
    }

    @Override
    public void check(String link) {
        preview(link, false);
    }

    @Override
    public void openImage() {
        files.openImage(view.root().getScene().getWindow()).ifPresent(this::decodeFile);
    }

    @Override
    public void pasteFromClipboard() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage()) {
            decodeImage(clipboard.getImage());
        } else if (clipboard.hasFiles() && !clipboard.getFiles().isEmpty()) {
            decodeFile(clipboard.getFiles().getFirst().toPath());
        } else if (clipboard.hasString() && !clipboard.getString().isBlank()) {
            model.input.set(clipboard.getString().strip());
            preview(clipboard.getString(), false);
        } else {
            tell(Feedback.ERROR, "The clipboard holds no image and no link. Copy the QR code image or the invite link first.");
        }
    }

    /** Shows the camera panel; GStreamer loads (off the FX thread) only now, on the first press. */
    @Override
    public void camera() {
        if (model.cameraOn.get()) {
            return;
        }
        if (scan == null) {
            scan = new CameraScan(cameras, new ScanListener());
        }
        model.preview.set(null);
        tell(Feedback.NONE, "");
        model.cameraPreview.set(null);
        model.cameraStatus.set("Starting the camera…");
        model.cameraOn.set(true);
        scan.list();
    }

    @Override
    public void cancelCamera() {
        if (scan != null) {
            scan.stop();
        }
        model.cameraOn.set(false);
        model.camera.set(null);
        model.cameras.clear();
        model.cameraPreview.set(null);
    }

    private void openCamera(CameraDevice device) {
        model.cameraPreview.set(null);
        model.cameraStatus.set("Starting " + device.displayName() + "…");
        scan.open(device);
    }

    /** A code was seen: an invite stops the camera and shows who it is from; anything else is explained and scanning goes on. */
    private void scanned(String text) {
        model.cameraStatus.set("QR code found, checking it…");
        executor.run(() -> engine.previewInvite(text), preview -> {
            if (model.cameraOn.get()) {
                cancelCamera();
                show(text, preview);
                tell(Feedback.NONE, "");
            }
        }, failure -> {
            if (model.cameraOn.get()) {
                tell(Feedback.ERROR, message(failure, true));
                model.cameraStatus.set(LOOKING);
                scan.resume(text);
            }
        });
    }

    private final class ScanListener implements CameraScan.Listener {
        @Override
        public void listed(List<CameraDevice> devices) {
            if (devices.isEmpty()) {
                cancelCamera();
                tell(Feedback.INFO, NO_CAMERA);
                return;
            }
            model.cameras.setAll(devices);
            String remembered = settings.get().camera();
            model.camera.set(devices.stream().filter(device -> device.id().equals(remembered)).findFirst()
                    .orElse(devices.getFirst()));
        }

        @Override
        public void opened(CameraDevice device) {
            model.cameraStatus.set(LOOKING);
            if (!device.id().equals(settings.get().camera())) {
                settings.set(settings.get().withCamera(device.id()));
            }
        }

        @Override
        public void preview(Image image) {
            model.cameraPreview.set(image);
        }

        @Override
        public void found(String text) {
            scanned(text);
        }

        @Override
        public void failed(CameraException failure) {
            tell(Feedback.ERROR, failure.getMessage());
            if (model.cameras.size() > 1) {
                model.cameraPreview.set(null);
                model.cameraStatus.set("Choose another camera, or Cancel.");
            } else {
                cancelCamera();
            }
        }
    }

    @Override
    public void dropped(List<Path> droppedFiles, Image image, String text) {
        if (!droppedFiles.isEmpty()) {
            decodeFile(droppedFiles.getFirst());
        } else if (image != null) {
            decodeImage(image);
        } else if (text != null && !text.isBlank()) {
            model.input.set(text.strip());
            preview(text, false);
        }
    }

    @Override
    public void accept() {
        String link = model.previewLink.get();
        InvitePreview preview = model.preview.get();
        model.busy.set(true);
        executor.run(() -> engine.acceptInvite(link), conversation -> {
            model.busy.set(false);
            // Same network, nodes I do not use yet: they become my peers too (from the node's next start).
            if (preview != null) {
                preview.network().filter(n -> NetworkSettings.clusterOf(settings.get()) == n.clusterId()
                        && !NetworkSettings.newPeers(settings.get(), n).isEmpty())
                        .ifPresent(n -> settings.set(NetworkSettings.joining(settings.get(), n)));
            }
            onAccepted.accept(conversation);
        }, failure -> {
            model.busy.set(false);
            tell(Feedback.ERROR, message(failure, false));
        });
    }

    @Override
    public void join() {
        InvitePreview preview = model.preview.get();
        if (preview == null || preview.network().isEmpty()) {
            return;
        }
        InviteNetwork theirs = preview.network().get();
        settings.set(NetworkSettings.joining(settings.get(), theirs));
        model.joinLabel.set("");
        model.networkNote.set("You are joining " + NetworkSettings.networkName(theirs.clusterId())
                + ". Your node connects there the next time Waku Chat starts: restart it to chat with "
                + preview.displayName() + ". Messages you write now stay queued until then.");
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** Shows the invite and what it says about its network. */
    private void show(String link, InvitePreview preview) {
        model.previewLink.set(link);
        model.preview.set(preview);
        model.joinLabel.set("");
        model.networkNote.set("");
        preview.network().ifPresent(theirs -> {
            int mine = NetworkSettings.clusterOf(settings.get());
            if (mine != theirs.clusterId()) {
                String name = NetworkSettings.networkName(theirs.clusterId());
                model.networkNote.set(preview.displayName() + " is on " + name + "; you are on "
                        + NetworkSettings.networkName(mine) + ". To reach them, join their network"
                        + (theirs.hints().isEmpty() ? "" : " (their invite names " + plural(theirs.hints().size(), "node")
                        + " to connect to)") + ". It takes effect when your node restarts; nothing you write is lost.");
                model.joinLabel.set("Join " + name);
            } else if (!NetworkSettings.newPeers(settings.get(), theirs).isEmpty()) {
                model.networkNote.set("Their invite names " + plural(NetworkSettings.newPeers(settings.get(), theirs).size(),
                        "node") + " of your network that you do not use yet; starting the chat adds "
                        + (NetworkSettings.newPeers(settings.get(), theirs).size() == 1 ? "it" : "them") + " to your peers.");
            }
        });
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private void decodeFile(Path file) {
        decode(() -> QrCodes.decode(file));
    }

    private void decodeImage(Image image) {
        decode(() -> QrCodes.decode(image));
    }

    private void decode(Callable<Optional<String>> decoder) {
        model.busy.set(true);
        model.preview.set(null);
        executor.run(decoder, text -> {
            model.busy.set(false);
            text.ifPresentOrElse(link -> preview(link, true), () -> tell(Feedback.ERROR, NO_QR));
        }, failure -> {
            model.busy.set(false);
            tell(Feedback.ERROR, failure instanceof IOException io && io.getMessage() != null
                    ? io.getMessage() : "This file cannot be read as an image.");
        });
    }

    private void preview(String link, boolean fromQr) {
        model.preview.set(null);
        model.busy.set(true);
        executor.run(() -> engine.previewInvite(link), preview -> {
            model.busy.set(false);
            show(link, preview);
            tell(Feedback.NONE, "");
        }, failure -> {
            model.busy.set(false);
            tell(Feedback.ERROR, message(failure, fromQr));
        });
    }

    private static String message(Exception failure, boolean fromQr) {
        if (failure instanceof InviteException invite) {
            return fromQr && invite.reason() == InviteException.Reason.NOT_AN_INVITE
                    ? "This QR code is not a Waku Chat invite." : invite.reason().userMessage();
        }
        return "Something went wrong: " + failure.getMessage();
    }

    private void tell(Feedback kind, String text) {
        model.feedback.set(kind);
        model.feedbackText.set(text);
    }
}

package org.wakuchat.app.invite;

import com.google.zxing.common.BitMatrix;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.FileDialogs;
import org.wakuchat.app.common.QrCodes;
import org.wakuchat.app.common.TimeFormat;
import org.wakuchat.app.common.Toaster;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.invite.InviteQr;

/** "New chat": shows my invite as a QR code and link. */
public final class InviteController implements Controller, InviteView.Actions {

    private static final int QR_SCALE = 8;

    private final InviteModel model = new InviteModel();
    private final InviteView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final FileDialogs files;
    private final Toaster toaster;
    private final TimeFormat time;
    private final Runnable onClose;

    public InviteController(ChatEngine engine, UiExecutor executor, FileDialogs files, Toaster toaster,
                            TimeFormat time, Runnable onClose) {
        this.engine = engine;
        this.executor = executor;
        this.files = files;
        this.toaster = toaster;
        this.time = time;
        this.onClose = onClose;
        this.view = new InviteView(model, this);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        executor.run(engine::currentInvite, this::show, this::fail);
    }

    private void show(Invite invite) {
        BitMatrix matrix = InviteQr.matrix(invite.link());
        model.matrix.set(matrix);
        model.qr.set(QrCodes.toImage(matrix, QR_SCALE));
        model.link.set(invite.link());
        model.expiry.set("Expires " + time.until(invite.expiresAt()) + ". A new invite does not stop this one from working.");
        model.busy.set(false);
    }

    private void fail(Exception failure) {
        model.busy.set(false);
        model.error.set("Could not make an invite: " + failure.getMessage());
    }

    @Override
    public void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.link.get());
        Clipboard.getSystemClipboard().setContent(content);
        toaster.show("Copied");
    }

    @Override
    public void savePng() {
        BitMatrix matrix = model.matrix.get();
        files.savePng(view.root().getScene().getWindow(), "waku-chat-invite.png").ifPresent(target -> {
            Path file = target.toString().endsWith(".png") ? target : target.resolveSibling(target.getFileName() + ".png");
            executor.run(() -> {
                QrCodes.savePng(matrix, QR_SCALE, file);
                return file;
            }, saved -> toaster.show("Saved " + saved.getFileName()), failure -> model.error.set(
                    "Could not save the image: " + (failure instanceof IOException io ? io.getMessage() : failure)));
        });
    }

    @Override
    public void rotate(boolean revokeOlder) {
        model.busy.set(true);
        executor.run(() -> engine.rotateInvite(revokeOlder), this::show, this::fail);
    }

    @Override
    public void close() {
        onClose.run();
    }
}

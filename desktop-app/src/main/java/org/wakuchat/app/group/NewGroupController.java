package org.wakuchat.app.group;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.Parent;
import org.wakuchat.app.common.Controller;
import org.wakuchat.app.common.UiExecutor;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.Conversation;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupException;
import org.wakuchat.core.group.GroupMember;

/**
 * Makes a group from my contacts, or adds contacts to a group I am an admin of. What the engine
 * refuses (a contact without a session, too many members, not an admin) is shown as it says it.
 */
public final class NewGroupController implements Controller, NewGroupView.Actions {

    private final NewGroupModel model = new NewGroupModel();
    private final NewGroupView view;
    private final ChatEngine engine;
    private final UiExecutor executor;
    private final Optional<ConversationId> addingTo;
    private final Consumer<ConversationId> onDone;
    private final Runnable onClose;

    private NewGroupController(ChatEngine engine, UiExecutor executor, Optional<Group> addingTo,
                               Consumer<ConversationId> onDone, Runnable onClose) {
        this.engine = engine;
        this.executor = executor;
        this.addingTo = addingTo.map(Group::id);
        this.onDone = onDone;
        this.onClose = onClose;
        model.creating.set(addingTo.isEmpty());
        addingTo.ifPresent(group -> model.groupName.set(group.name()));
        this.view = new NewGroupView(model, this);
    }

    /** "New group"; {@code onCreated} gets the new group's id. */
    public static NewGroupController create(ChatEngine engine, UiExecutor executor, Consumer<ConversationId> onCreated,
                                            Runnable onClose) {
        return new NewGroupController(engine, executor, Optional.empty(), onCreated, onClose);
    }

    /** "Add members" to {@code group} (read by the caller off the FX thread or from its model). */
    public static NewGroupController addTo(ChatEngine engine, UiExecutor executor, Group group,
                                           Consumer<ConversationId> onAdded, Runnable onClose) {
        return new NewGroupController(engine, executor, Optional.of(group), onAdded, onClose);
    }

    @Override
    public Parent view() {
        return view.root();
    }

    @Override
    public void onActivate() {
        executor.run(this::loadChoices, choices -> {
            model.choices.setAll(choices);
            model.loaded.set(true);
        }, failure -> model.error.set("Could not load your contacts: " + failure.getMessage()));
        view.focus();
    }

    private List<NewGroupModel.Choice> loadChoices() {
        Set<AccountId> members = addingTo.map(id -> engine.group(id).members().stream().map(GroupMember::id)
                .collect(Collectors.toSet())).orElse(Set.of());
        return engine.conversations().stream()
                .filter(c -> !members.contains(c.contactId()))
                .map(c -> new NewGroupModel.Choice(c.id(), c.displayName(), hint(c)))
                .toList();
    }

    /** A contact I never exchanged a message with may have no session yet: the engine then says so. */
    private static String hint(Conversation c) {
        return c.lastActivity().isEmpty() ? "no messages yet" : "";
    }

    @Override
    public void submit() {
        if (model.busy.get() || model.chosen.isEmpty()) {
            return;
        }
        List<ConversationId> contacts = model.choices.stream().map(NewGroupModel.Choice::id)
                .filter(model.chosen::contains).toList();
        String name = model.name.get();
        model.error.set("");
        model.busy.set(true);
        executor.run(() -> {
            if (addingTo.isPresent()) {
                engine.addToGroup(addingTo.get(), contacts);
                return addingTo.get();
            }
            return engine.createGroup(name, contacts).id();
        }, id -> {
            model.busy.set(false);
            onDone.accept(id);
        }, failure -> {
            model.busy.set(false);
            model.error.set(failure instanceof GroupException refused ? refused.getMessage()
                    : "That did not work: " + failure.getMessage());
        });
    }

    @Override
    public void close() {
        onClose.run();
    }
}

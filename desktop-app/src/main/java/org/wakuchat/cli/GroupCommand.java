package org.wakuchat.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.wakuchat.core.ChatEngine;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.EngineStatus;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupMember;
import org.wakuchat.core.group.GroupRole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code group …}: private groups of my contacts (docs/groups.md). Changes are written by one of
 * the group's admins and sent to every member over the 1:1 chats, so they need a node like {@code send}.
 */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Private groups: create, add, remove, leave, rename, promote, demote, list. Send and listen take a group's name or id.",
        subcommands = {GroupCommand.Create.class, GroupCommand.Add.class, GroupCommand.Remove.class,
            GroupCommand.Leave.class, GroupCommand.Rename.class, GroupCommand.Promote.class, GroupCommand.Demote.class,
            GroupCommand.ListGroups.class})
final class GroupCommand implements Callable<Integer> {

    @ParentCommand
    WakuChatCli root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code group --data-dir … list} works as well as {@code group list --data-dir …}. */
    @Mixin
    AccountOptions options;

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(new java.io.PrintWriter(root.environment().err(), true));
        return ExitCodes.USAGE;
    }

    /** A group subcommand on one account. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        GroupCommand group;

        @Mixin
        AccountOptions account;

        CliEnvironment environment() {
            return group.root.environment();
        }

        /** My options, with what was given before the subcommand's name. */
        AccountOptions account() {
            if (account.dataDir == null) {
                account.dataDir = group.options.dataDir;
            }
            account.json |= group.options.json;
            return account;
        }

        Output output() {
            return new Output(environment().out(), account().json);
        }

        void print(Group g, String what) {
            output().emit(Lines.GroupLine.of(g), what + "\n" + describe(g));
        }
    }

    /** A change: made at once, then sent over the 1:1 chats while this command runs a node. */
    abstract static class Change extends Sub {
        enum Wait { QUEUED, SENT }

        @Option(names = "--wait", paramLabel = "<until>", defaultValue = "sent",
                description = "queued: only save the change; sent: until the node ran and the outbox is empty "
                        + "(the members' devices get it over the 1:1 chats). Default: ${DEFAULT-VALUE}.")
        Wait wait;

        @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "60",
                description = "Give up waiting after this long, with exit code 6; the change stays queued (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Mixin
        NetworkOptions network;

        /** Makes the change; returns the group to print and what to say. */
        abstract Group change(ChatEngine engine);

        abstract String done(Group g);

        @Override
        public Integer call() throws InterruptedException {
            if (timeoutSeconds < 1) {
                throw new CliException(ExitCodes.USAGE, "--timeout must be at least 1 second.");
            }
            try (NodeSession session = NodeSession.unlock(environment(), account(), network)) {
                Group changed = change(session.engine());
                if (wait == Wait.SENT) {
                    session.start();
                    await(session);
                    changed = session.engine().group(changed.id());
                }
                print(changed, done(changed));
                return ExitCodes.OK;
            }
        }

        private void await(NodeSession session) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            while (true) {
                EngineStatus status = session.engine().status();
                if (status.state() == EngineStatus.State.UNAVAILABLE) {
                    throw new CliException(ExitCodes.ENGINE_UNAVAILABLE, "Waku node unavailable: " + Human.brief(status.detail())
                            + " — the change is saved and goes out on the next run with a Waku node.");
                }
                if (status.state() == EngineStatus.State.CONNECTED && status.queued() == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new CliException(ExitCodes.TIMEOUT, "Timed out after " + timeoutSeconds
                            + " s; the change is saved and goes out on the next run with a Waku node.");
                }
                if (session.stopRequested()) {
                    throw new CliException(ExitCodes.ERROR, "Stopped; the change is saved and goes out on the next run.");
                }
                session.next(Duration.ofMillis(100));
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Make a group from contacts you chat with; you are its admin.")
    static final class Create extends Change {
        @Parameters(index = "0", paramLabel = "<name>", description = "The group's name (at most 64 characters).")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<contact>", description = "Conversation id, id prefix, or (nick)name.")
        List<String> contacts;

        @Override
        Group change(ChatEngine engine) {
            List<ConversationId> ids = contacts.stream().map(c -> ContactResolver.resolve(engine, c).id()).toList();
            return engine.createGroup(name, ids);
        }

        @Override
        String done(Group g) {
            return "Created group " + g.name() + " (" + g.id() + ")";
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add contacts to a group (admins only); they read what is sent from now on.")
    static final class Add extends Change {
        @Parameters(index = "0", paramLabel = "<group>", description = "The group's name, id or id prefix.")
        String groupName;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "<contact>", description = "Conversation id, id prefix, or (nick)name.")
        List<String> contacts;

        @Override
        Group change(ChatEngine engine) {
            Group g = ChatResolver.group(engine, groupName);
            engine.addToGroup(g.id(), contacts.stream().map(c -> ContactResolver.resolve(engine, c).id()).toList());
            return engine.group(g.id());
        }

        @Override
        String done(Group g) {
            return "Added to " + g.name();
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a member (admins only); it cannot read anything sent after this.")
    static final class Remove extends Change {
        @Parameters(index = "0", paramLabel = "<group>", description = "The group's name, id or id prefix.")
        String groupName;

        @Parameters(index = "1", paramLabel = "<member>", description = "The member's name or account id.")
        String member;

        @Override
        Group change(ChatEngine engine) {
            Group g = ChatResolver.group(engine, groupName);
            engine.removeFromGroup(g.id(), memberId(g, member));
            return engine.group(g.id());
        }

        @Override
        String done(Group g) {
            return "Removed " + member + " from " + g.name();
        }
    }

    @Command(name = "leave", mixinStandardHelpOptions = true,
            description = "Leave a group; its history stays here, read-only.")
    static final class Leave extends Change {
        @Parameters(index = "0", paramLabel = "<group>", description = "The group's name, id or id prefix.")
        String groupName;

        @Override
        Group change(ChatEngine engine) {
            Group g = ChatResolver.group(engine, groupName);
            engine.leaveGroup(g.id());
            return engine.group(g.id());
        }

        @Override
        String done(Group g) {
            return "Left " + g.name();
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a group (admins only).")
    static final class Rename extends Change {
        @Parameters(index = "0", paramLabel = "<group>", description = "The group's name, id or id prefix.")
        String groupName;

        @Parameters(index = "1", paramLabel = "<new-name>", description = "The new name.")
        String newName;

        @Override
        Group change(ChatEngine engine) {
            Group g = ChatResolver.group(engine, groupName);
            engine.renameGroup(g.id(), newName);
            return engine.group(g.id());
        }

        @Override
        String done(Group g) {
            return "Renamed to " + g.name();
        }
    }

    /** {@code promote} and {@code demote}: the same change with another role. */
    abstract static class RoleChange extends Change {
        @Parameters(index = "0", paramLabel = "<group>", description = "The group's name, id or id prefix.")
        String groupName;

        @Parameters(index = "1", paramLabel = "<member>", description = "The member's name or account id.")
        String member;

        abstract GroupRole role();

        @Override
        Group change(ChatEngine engine) {
            Group g = ChatResolver.group(engine, groupName);
            engine.setGroupRole(g.id(), memberId(g, member), role());
            return engine.group(g.id());
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make a member an admin (admins only; the member must have joined): it may then add, remove, rename, promote and demote.")
    static final class Promote extends RoleChange {
        @Override
        GroupRole role() {
            return GroupRole.ADMIN;
        }

        @Override
        String done(Group g) {
            return "Made " + member + " an admin of " + g.name();
        }
    }

    @Command(name = "demote", mixinStandardHelpOptions = true,
            description = "Make an admin a plain member again (admins only; yourself too); a group keeps at least one admin.")
    static final class Demote extends RoleChange {
        @Override
        GroupRole role() {
            return GroupRole.MEMBER;
        }

        @Override
        String done(Group g) {
            return member + " is no longer an admin of " + g.name();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List my groups with their members and epoch, most recent first.")
    static final class ListGroups extends Sub {
        @Override
        public Integer call() {
            try (ChatEngine engine = AccountAccess.unlockOffline(environment(), account())) {
                Output out = output();
                if (engine.groups().isEmpty()) {
                    out.note("No groups yet: `wakuchat-cli group create <name> <contact>…` makes one.");
                }
                for (Group g : engine.groups()) {
                    out.emit(Lines.GroupLine.of(g), g.id() + "  " + g.name() + "\n" + describe(g));
                }
                return ExitCodes.OK;
            }
        }
    }

    /** "  epoch 3, 3 members: Alice (admin, you), Bob, Carol" and, for a group I left, that. */
    static String describe(Group g) {
        String members = g.members().stream()
                .map(m -> m.name() + (m.admin() || m.me() ? " (" + (m.admin() ? "admin" : "") + (m.admin() && m.me() ? ", " : "")
                        + (m.me() ? "you" : "") + ")" : ""))
                .collect(Collectors.joining(", "));
        return "  epoch " + g.epoch() + ", " + g.members().size() + " member" + (g.members().size() == 1 ? "" : "s") + ": "
                + members + (g.member() ? "" : "  (you are no longer a member)")
                + (g.unreadCount() > 0 ? "  " + g.unreadCount() + " unread" : "");
    }

    static AccountId memberId(Group g, String wanted) {
        String lower = wanted.strip().toLowerCase(Locale.ROOT);
        List<GroupMember> found = g.members().stream()
                .filter(m -> m.id().value().equals(wanted.strip()) || m.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
        if (found.size() == 1) {
            return found.getFirst().id();
        }
        throw new CliException(ExitCodes.USAGE, found.isEmpty()
                ? "No member '" + wanted + "' in " + g.name() + ": `wakuchat-cli group list` shows the members."
                : "'" + wanted + "' matches several members of " + g.name() + ": use the account id.");
    }
}

package org.wakuchat.core;

import java.util.List;
import java.util.function.Consumer;
import org.wakuchat.core.account.Account;
import org.wakuchat.core.account.AccountId;
import org.wakuchat.core.group.Group;
import org.wakuchat.core.group.GroupDelivery;
import org.wakuchat.core.group.GroupHistoryEntry;
import org.wakuchat.core.account.SafetyNumber;
import org.wakuchat.core.invite.Invite;
import org.wakuchat.core.invite.InviteException;
import org.wakuchat.core.invite.InvitePreview;
import org.wakuchat.core.report.ReliabilityReport;
import org.wakuchat.core.report.ReportQuery;

/**
 * The chat engine of one unlocked account: contacts, private groups, end-to-end encrypted
 * conversations and their messages, over a Waku node. Group changes that are not allowed throw
 * {@link org.wakuchat.core.group.GroupException} with a reason to show. Thread-safe; no method blocks on the network. Everything
 * that changes is announced to listeners as a {@link ChatEvent}.
 */
public interface ChatEngine extends AutoCloseable {

    Account account();

    EngineStatus status();

    /**
     * What the unlock noticed about this data folder's history on this computer: restored from an
     * older copy, or copied here (also announced as {@link ChatEvent.DataFolderWarned} on {@link
     * #start()}). Empty when nothing was noticed or the check is off (docs/crypto.md §6).
     */
    default java.util.Optional<DataFolderWarning> dataFolderWarning() {
        return java.util.Optional.empty();
    }

    /** Settings kept encrypted with the account (an RLN keystore password); they apply from the next start. */
    SealedSettings sealedSettings();

    /** Starts the Waku node in the background; progress arrives as {@link ChatEvent.StatusChanged}. */
    void start();

    /** Listens to everything the engine announces until the returned handle is closed. */
    Subscription subscribe(Consumer<ChatEvent> listener);

    /** My current invite; a new one is made when the last one expired. */
    Invite currentInvite();

    /** Replaces my invite with a fresh one (new prekey); the old ones keep working until they expire. */
    default Invite rotateInvite() {
        return rotateInvite(false);
    }

    /**
     * Replaces my invite with a fresh one (new prekey). With {@code revokeOlder}, every earlier
     * invite stops working at once (its prekey is deleted): someone who has one can no longer start
     * a chat with it, and first messages sent with it that have not reached me yet are lost.
     */
    Invite rotateInvite(boolean revokeOlder);

    /** Reads an invite link or bare code without adding anyone. */
    InvitePreview previewInvite(String linkOrCode) throws InviteException;

    /** Adds the invite's owner as a contact; the first message can be sent at once, even while they are offline. */
    Conversation acceptInvite(String linkOrCode) throws InviteException;

    List<Conversation> conversations();

    Conversation conversation(ConversationId id);

    int messageCount(ConversationId id);

    /** Messages in display order (causal, then id); {@code fromIndex} counts from the oldest. */
    List<ChatMessage> messages(ConversationId id, int fromIndex, int limit);

    /** Saves the message as {@link DeliveryState#QUEUED} and sends it when it can. */
    ChatMessage sendText(ConversationId id, String text);

    /** Sends an application-defined payload; the engine passes it through untouched. */
    ChatMessage send(ConversationId id, Payload payload);

    /** Sends a {@link DeliveryState#FAILED} message again. */
    void retry(MessageId id);

    void markRead(ConversationId id);

    void setNickname(ConversationId id, String nickname);

    SafetyNumber safetyNumber(ConversationId id);

    void setVerified(ConversationId id, boolean verified);

    /** My groups, newest activity first (docs/groups.md); 1:1 chats are in {@link #conversations()}. */
    List<Group> groups();

    Group group(ConversationId id);

    /**
     * Makes a group from existing contacts (each must have a session: a chat that has started);
     * I am its first admin. Members are told over their 1:1 sessions, so it works while they are offline.
     */
    Group createGroup(String name, List<ConversationId> contacts);

    /** Adds contacts (admins only); they read what is sent from now on, never earlier messages. */
    void addToGroup(ConversationId group, List<ConversationId> contacts);

    /** Removes a member (admins only); it cannot read anything sent after this. */
    void removeFromGroup(ConversationId group, AccountId member);

    /** Leaves the group; its history stays on this device, read-only. */
    void leaveGroup(ConversationId group);

    /** Renames the group (admins only). */
    void renameGroup(ConversationId group, String name);

    /**
     * Makes a joined member an admin ({@code ADMIN}) or an admin a member again (admins only; a
     * group keeps at least one admin). Any admin can then change the group, also for members who
     * are not its contacts.
     */
    void setGroupRole(ConversationId group, AccountId member, org.wakuchat.core.group.GroupRole role);

    /** The group's changes in order, the same on every member's device. */
    List<GroupHistoryEntry> groupHistory(ConversationId group);

    /** Which members confirmed one of my group messages. */
    GroupDelivery groupDelivery(MessageId message);

    /**
     * Whether my messages arrived and how fast, over the query's period, overall or for one
     * contact (docs/reliability.md, "Reliability report"). Computed on this device from the
     * message database and the engine's event log; reads the database, so call it off the UI thread.
     */
    ReliabilityReport reliabilityReport(ReportQuery query);

    /** Stops the node and closes the databases; queued messages stay queued for the next start. */
    @Override
    void close();

    /** A listener registration; closing it stops the deliveries. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

package org.wakuchat.core.store;

import static org.wakuchat.core.store.ValueCodec.instant;
import static org.wakuchat.core.store.ValueCodec.text;
import static org.wakuchat.core.store.ValueCodec.utf8;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wakuchat.core.ConversationId;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.group.GroupRole;

/** {@link GroupStore} on messages.db; every sealed cell is bound to its table, column and row. */
final class SqliteGroupStore implements GroupStore {

    private final Database db;
    private final CellCipher cipher;

    SqliteGroupStore(Database db, CellCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void saveGroup(StoredGroup g, List<StoredGroupMember> members) {
        String id = g.id().value();
        db.inTransaction(() -> db.call("saving a group", connection -> {
            PreparedStatement upsert = db.prepared("INSERT INTO groups (id, epoch, member, created_at, name_sealed,"
                    + " state_sealed) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET epoch = excluded.epoch,"
                    + " member = excluded.member, created_at = excluded.created_at, name_sealed = excluded.name_sealed,"
                    + " state_sealed = excluded.state_sealed");
            upsert.setString(1, id);
            upsert.setLong(2, g.epoch());
            upsert.setInt(3, g.member() ? 1 : 0);
            upsert.setString(4, g.createdAt().toString());
            upsert.setBytes(5, cipher.seal(utf8(g.name()), "groups", "name_sealed", id));
            upsert.setBytes(6, cipher.sealBinding(g.state(), binding(g.epoch(), g.member()), "groups", "state_sealed", id));
            upsert.executeUpdate();
            PreparedStatement delete = db.prepared("DELETE FROM group_members WHERE group_id = ?");
            delete.setString(1, id);
            delete.executeUpdate();
            PreparedStatement insert = db.prepared("INSERT INTO group_members (group_id, member_id, role, joined,"
                    + " identity_key_sealed, name_sealed, signing_key_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (StoredGroupMember m : members) {
                insert.setString(1, id);
                insert.setString(2, m.memberId());
                insert.setString(3, m.role().name());
                insert.setInt(4, m.joined() ? 1 : 0);
                insert.setBytes(5, cipher.seal(m.identityKey(), "group_members", "identity_key_sealed", id, m.memberId()));
                insert.setBytes(6, cipher.seal(utf8(m.name()), "group_members", "name_sealed", id, m.memberId()));
                insert.setBytes(7, cipher.seal(m.signingKey().orElse(new byte[0]), "group_members", "signing_key_sealed",
                        id, m.memberId()));
                insert.executeUpdate();
            }
            return null;
        }));
    }

    /** The plaintext columns a group's sealed state is bound to: a swapped epoch or membership flag is noticed. */
    private static List<String> binding(long epoch, boolean member) {
        return List.of("epoch=" + epoch, "member=" + (member ? 1 : 0));
    }

    @Override
    public List<StoredGroup> groups() {
        return db.call("listing groups", connection -> {
            PreparedStatement select = db.prepared("SELECT id, epoch, member, created_at, name_sealed, state_sealed"
                    + " FROM groups ORDER BY rowid");
            var all = new ArrayList<StoredGroup>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String id = row.getString(1);
                    long epoch = row.getLong(2);
                    boolean member = row.getInt(3) == 1;
                    all.add(new StoredGroup(new ConversationId(id), epoch, member,
                            instant(row.getString(4), "groups.created_at"),
                            text(cipher.open(row.getBytes(5), "groups", "name_sealed", id)),
                            cipher.openBinding(row.getBytes(6), binding(epoch, member), "groups", "state_sealed", id)));
                }
            }
            return List.copyOf(all);
        });
    }

    @Override
    public List<StoredGroupMember> members(ConversationId group) {
        String id = group.value();
        return db.call("reading group members", connection -> {
            PreparedStatement select = db.prepared("SELECT member_id, role, joined, identity_key_sealed, name_sealed,"
                    + " signing_key_sealed FROM group_members WHERE group_id = ? ORDER BY member_id");
            select.setString(1, id);
            var all = new ArrayList<StoredGroupMember>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String member = row.getString(1);
                    byte[] signing = cipher.open(row.getBytes(6), "group_members", "signing_key_sealed", id, member);
                    all.add(new StoredGroupMember(member,
                            cipher.open(row.getBytes(4), "group_members", "identity_key_sealed", id, member),
                            text(cipher.open(row.getBytes(5), "group_members", "name_sealed", id, member)),
                            GroupRole.valueOf(row.getString(2)), row.getInt(3) == 1,
                            signing.length == 0 ? Optional.empty() : Optional.of(signing)));
                }
            }
            return List.copyOf(all);
        });
    }

    @Override
    public void putChange(ConversationId group, long epoch, byte[] change) {
        String id = group.value();
        db.call("saving a group change", connection -> {
            PreparedStatement upsert = db.prepared("INSERT INTO group_changes (group_id, epoch, change_sealed)"
                    + " VALUES (?, ?, ?) ON CONFLICT (group_id, epoch) DO UPDATE SET change_sealed = excluded.change_sealed");
            upsert.setString(1, id);
            upsert.setLong(2, epoch);
            upsert.setBytes(3, cipher.seal(change, "group_changes", "change_sealed", id, Long.toString(epoch)));
            upsert.executeUpdate();
            return null;
        });
    }

    @Override
    public void dropChangesAfter(ConversationId group, long epoch) {
        db.call("dropping group changes", connection -> {
            PreparedStatement delete = db.prepared("DELETE FROM group_changes WHERE group_id = ? AND epoch > ?");
            delete.setString(1, group.value());
            delete.setLong(2, epoch);
            delete.executeUpdate();
            return null;
        });
    }

    @Override
    public List<byte[]> changes(ConversationId group) {
        String id = group.value();
        return db.call("reading group changes", connection -> {
            PreparedStatement select = db.prepared("SELECT epoch, change_sealed FROM group_changes WHERE group_id = ?"
                    + " ORDER BY epoch");
            select.setString(1, id);
            var all = new ArrayList<byte[]>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.add(cipher.open(row.getBytes(2), "group_changes", "change_sealed", id, Long.toString(row.getLong(1))));
                }
            }
            return List.copyOf(all);
        });
    }

    @Override
    public boolean addDelivery(MessageId message, String memberId, Instant at) {
        return db.call("saving a group delivery", connection -> {
            PreparedStatement insert = db.prepared("INSERT INTO group_deliveries (message_id, member_id, delivered_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
            insert.setString(1, message.value());
            insert.setString(2, memberId);
            insert.setString(3, at.toString());
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public Map<String, Instant> deliveries(MessageId message) {
        return db.call("reading group deliveries", connection -> {
            PreparedStatement select = db.prepared("SELECT member_id, delivered_at FROM group_deliveries"
                    + " WHERE message_id = ? ORDER BY member_id");
            select.setString(1, message.value());
            var all = new LinkedHashMap<String, Instant>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    all.put(row.getString(1), instant(row.getString(2), "group_deliveries.delivered_at"));
                }
            }
            return all;
        });
    }
}

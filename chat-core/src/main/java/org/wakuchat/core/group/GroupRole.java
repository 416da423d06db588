package org.wakuchat.core.group;

/** What a member may do: admins change the membership and the name (docs/groups.md, "Membership"). */
public enum GroupRole {
    ADMIN,
    MEMBER
}

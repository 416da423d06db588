package org.wakuchat.core.group;

import java.util.List;
import org.wakuchat.core.MessageId;
import org.wakuchat.core.account.AccountId;

/**
 * Which members' devices confirmed one of my group messages ("delivered to k of n"): only an
 * explicit acknowledgement signed by that member counts, never a guess.
 */
public record GroupDelivery(MessageId message, List<AccountId> deliveredTo, List<AccountId> waitingFor) {

    public GroupDelivery {
        deliveredTo = List.copyOf(deliveredTo);
        waitingFor = List.copyOf(waitingFor);
    }

    public int delivered() {
        return deliveredTo.size();
    }

    public int of() {
        return deliveredTo.size() + waitingFor.size();
    }
}

package org.wakuchat.core.transport;

import java.util.List;
import java.util.Optional;

/** One page of a Store answer; {@code cursor} is empty on the last page. */
public record StorePage(List<ReceivedMessage> messages, Optional<MessageHash> cursor) {

    public StorePage {
        messages = List.copyOf(messages);
    }
}

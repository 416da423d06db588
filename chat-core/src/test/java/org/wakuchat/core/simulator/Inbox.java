package org.wakuchat.core.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wakuchat.core.transport.NodeStatus;
import org.wakuchat.core.transport.ReceivedMessage;
import org.wakuchat.core.transport.WakuNode;

/** Records what a node's listener was told. */
final class Inbox implements WakuNode.Listener {

    final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    final List<NodeStatus> statuses = new CopyOnWriteArrayList<>();

    static Inbox on(WakuNode node) {
        var inbox = new Inbox();
        node.setListener(inbox);
        return inbox;
    }

    @Override
    public void onMessage(ReceivedMessage message) {
        messages.add(message);
    }

    @Override
    public void onStatus(NodeStatus status) {
        statuses.add(status);
    }

    List<String> texts() {
        return messages.stream().map(message -> new String(message.message().payload())).toList();
    }
}

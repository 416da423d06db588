package org.wakuchat.core.transport;

/**
 * Publishing failed because the node has no relay peer to hand the message to (nwaku's
 * {@code NoPeersToPublish}). Nothing left the node: the caller should retry when peers are back.
 */
public class NoPeersToPublishException extends RuntimeException {

    public NoPeersToPublishException(String message) {
        super(message);
    }
}

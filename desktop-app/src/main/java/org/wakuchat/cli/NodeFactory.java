package org.wakuchat.cli;

import org.wakuchat.core.transport.NetworkConfig;
import org.wakuchat.core.transport.WakuNode;

/** Makes the Waku node a command runs on: libwaku in production, the simulator in tests. */
@FunctionalInterface
public interface NodeFactory {

    WakuNode create(NetworkConfig config);
}

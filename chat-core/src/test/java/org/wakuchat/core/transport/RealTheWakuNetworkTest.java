package org.wakuchat.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wakuchat.libwaku.LibWaku;

/**
 * The Waku Network preset on the real libwaku, without reaching the internet: the node listens on
 * 127.0.0.1 with discovery off and DNS pointed at 127.0.0.1, the Ethereum RPC endpoint is a closed
 * local port, and both failures come before {@code waku_start}, so nothing is ever dialled.
 * The first case needs no RLN in the library; the second expects a libwaku built without RLN (as
 * the test machine's is) and is skipped where nwaku can make an RLN prover.
 */
@Tag("libwaku")
class RealTheWakuNetworkTest {

    @TempDir
    Path temp;
    private LibWaku lib;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private LibWakuNode node;

    @BeforeEach
    void requireLibWaku() {
        lib = RealLibWaku.loadOrSkip();
    }

    @AfterEach
    void close() throws Exception {
        if (node != null) {
            node.close();
            node.destroyed().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAMembershipTheNodeSaysSoBeforeNwakuIsCalled() {
        node = new LibWakuNode(loopbackOnly(NetworkConfig.theWakuNetwork()), this::recordingLib);

        assertThatThrownBy(() -> node.start().get(60, TimeUnit.SECONDS)).cause()
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith(RlnProblems.NEEDS_MEMBERSHIP);
        assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
        assertThat(node.status().detail()).contains("--rln-keystore", "Settings → Network");
        assertThat(calls).isEmpty();
    }

    @Test
    void aLibwakuWithoutRlnIsNamedWithWhatToDo() throws Exception {
        NetworkConfig twn = loopbackOnly(NetworkConfig.theWakuNetwork());
        twn = twn.withRln(twn.rln().withMembership(RlnKeystoreTest.fixture(), RlnKeystoreTest.FIXTURE_PASSWORD, 0,
                List.of("http://127.0.0.1:" + closedPort())));
        node = new LibWakuNode(twn, this::recordingLib);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> node.start().get(60, TimeUnit.SECONDS));

        Assumptions.assumeTrue(failure != null && failure.getCause().getCause() != null
                        && String.valueOf(failure.getCause().getCause().getMessage()).contains("could not create RLN instance"),
                "this libwaku can make an RLN prover; the case needs one built without RLN");
        assertThat(failure.getCause()).isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("This libwaku build has no RLN support")
                .hasMessageContaining("could not create RLN instance");
        assertThat(node.status().state()).isEqualTo(NodeStatus.State.UNAVAILABLE);
        assertThat(calls).contains("waku_new").doesNotContain("waku_start");
    }

    /** Nothing leaves this machine: loopback listening, no discovery, DNS at 127.0.0.1. */
    private static NetworkConfig loopbackOnly(NetworkConfig config) {
        return config.withListen(NetworkConfig.Listen.loopback(0)).withDiscovery(NetworkConfig.Discovery.off())
                .withDnsNameServers(List.of("127.0.0.1"));
    }

    private LibWaku recordingLib() {
        return (LibWaku) Proxy.newProxyInstance(LibWaku.class.getClassLoader(), new Class<?>[] {LibWaku.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(lib, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

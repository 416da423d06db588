package org.wakuchat.cli.serve;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where clients can dial a service node, as {@code /ip4/…/tcp/…/p2p/<peer id>} lines. A node bound
 * to one address is dialable there only; one on every interface ({@code 0.0.0.0}) is dialable on
 * each interface's address, plus what nwaku announces (its external address with
 * {@code --external-address}, or what NAT discovery found).
 */
public final class DialableAddresses {

    private DialableAddresses() {
    }

    /**
     * @param reported  what the node reported (the bound address, or nwaku's announced ones)
     * @param wildcard  whether the node listens on every interface
     * @param interfaces the machine's interface addresses (used for a wildcard node only)
     */
    public static List<String> of(List<String> reported, boolean wildcard, int tcpPort, String peerId, List<InetAddress> interfaces) {
        Set<String> addresses = new LinkedHashSet<>(reported);
        if (wildcard) {
            for (InetAddress address : interfaces) {
                if (address instanceof Inet6Address v6 && (v6.isLinkLocalAddress() || v6.getScopeId() != 0)) {
                    continue; // needs a zone to dial; nobody types those
                }
                String protocol = address instanceof Inet4Address ? "ip4" : "ip6";
                addresses.add("/" + protocol + "/" + address.getHostAddress() + "/tcp/" + tcpPort + "/p2p/" + peerId);
            }
        }
        return List.copyOf(addresses);
    }

    /** Whether {@code listenAddress} is every interface ({@code 0.0.0.0} or {@code ::}). */
    public static boolean wildcard(String listenAddress) {
        try {
            return InetAddress.ofLiteral(listenAddress).isAnyLocalAddress();
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }

    /** The TCP port in the first of {@code reported} ({@code …/tcp/<port>/…}), else {@code configured}. */
    public static int port(List<String> reported, int configured) {
        for (String address : reported) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/tcp/(\\d+)").matcher(address);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return configured;
    }

    /** Every address of every interface that is up, loopback included (clients on this machine). */
    public static List<InetAddress> interfaceAddresses() {
        List<InetAddress> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    result.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException unavailable) {
            // Then only what nwaku reports.
        }
        result.sort((a, b) -> Boolean.compare(a instanceof Inet6Address, b instanceof Inet6Address));
        return result;
    }
}

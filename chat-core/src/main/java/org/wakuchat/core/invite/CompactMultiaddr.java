package org.wakuchat.core.invite;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A network hint of an invite in as few bytes as possible: a multiaddress
 * {@code /(ip4|ip6|dns4|dns6)/<host>/tcp/<port>/p2p/<peer id>} of a service node, the peer id
 * carried as its 32-byte public key. One kind byte: bits 0–1 the address type (0 ip4, 1 ip6,
 * 2 dns4, 3 dns6), bits 2–3 the key (0 secp256k1 with prefix 02, 1 secp256k1 with prefix 03,
 * 2 ed25519, 3 the same peer as the hint before), bits 4–7 zero. Then the address (4 or 16 bytes,
 * or a length byte and an ASCII host name), the port (2 bytes, big-endian) and the key (32 bytes,
 * absent for "same peer"). An ip4 hint is 39 bytes; a second address of the same node 7.
 */
final class CompactMultiaddr {

    static final int MAX_HOST_LENGTH = 253;
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final String[] TYPES = {"ip4", "ip6", "dns4", "dns6"};
    private static final int SAME_PEER = 3;
    /** Identity multihash of a protobuf PublicKey: secp256k1 (type 2, 33-byte compressed key) and ed25519 (type 1, 32 bytes). */
    private static final byte[] SECP256K1_PREFIX = {0x00, 0x25, 0x08, 0x02, 0x12, 0x21};
    private static final byte[] ED25519_PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};

    private CompactMultiaddr() {
    }

    /** Parts of a hint as text. */
    private record Parts(int type, String host, int port, String peerId) {
    }

    /** Whether {@code multiaddr} can travel as a hint. */
    static boolean supported(String multiaddr) {
        try {
            write(List.of(multiaddr));
            return true;
        } catch (IllegalArgumentException unsupported) {
            return false;
        }
    }

    /** The hints one after another. @throws IllegalArgumentException for one that cannot travel as a hint */
    static byte[] write(List<String> multiaddrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previousPeer = null;
        for (String multiaddr : multiaddrs) {
            Parts parts = parse(multiaddr);
            byte[] key = null;
            int keyKind;
            if (parts.peerId().equals(previousPeer)) {
                keyKind = SAME_PEER;
            } else {
                byte[] peer = Base58.decode(parts.peerId());
                if (peer.length == 39 && startsWith(peer, SECP256K1_PREFIX) && (peer[6] == 2 || peer[6] == 3)) {
                    keyKind = peer[6] - 2;
                    key = Arrays.copyOfRange(peer, 7, 39);
                } else if (peer.length == 38 && startsWith(peer, ED25519_PREFIX)) {
                    keyKind = 2;
                    key = Arrays.copyOfRange(peer, 6, 38);
                } else {
                    throw new IllegalArgumentException("only secp256k1 and ed25519 peer ids can travel in an invite: " + multiaddr);
                }
            }
            out.write(parts.type() | keyKind << 2);
            out.writeBytes(hostBytes(parts));
            out.write(parts.port() >> 8);
            out.write(parts.port() & 0xFF);
            if (key != null) {
                out.writeBytes(key);
            }
            previousPeer = parts.peerId();
        }
        return out.toByteArray();
    }

    /**
     * Reads {@code count} hints.
     *
     * @throws BufferUnderflowException when the bytes end inside a hint
     * @throws IllegalArgumentException when a hint is not valid
     */
    static List<String> read(ByteBuffer in, int count) {
        List<String> hints = new ArrayList<>(count);
        String previousPeer = null;
        for (int i = 0; i < count; i++) {
            int kind = in.get() & 0xFF;
            if (kind >> 4 != 0) {
                throw new IllegalArgumentException("reserved bits set in a network hint");
            }
            int type = kind & 3;
            int keyKind = kind >> 2 & 3;
            String host = readHost(in, type);
            int port = in.getShort() & 0xFFFF;
            if (port == 0) {
                throw new IllegalArgumentException("port 0 in a network hint");
            }
            String peerId;
            if (keyKind == SAME_PEER) {
                if (previousPeer == null) {
                    throw new IllegalArgumentException("the first network hint cannot refer to the one before");
                }
                peerId = previousPeer;
            } else {
                byte[] key = new byte[32];
                in.get(key);
                byte[] prefix = keyKind == 2 ? ED25519_PREFIX : SECP256K1_PREFIX;
                ByteBuffer peer = ByteBuffer.allocate(prefix.length + (keyKind == 2 ? 0 : 1) + 32).put(prefix);
                if (keyKind != 2) {
                    peer.put((byte) (2 + keyKind));
                }
                peerId = Base58.encode(peer.put(key).array());
            }
            hints.add("/" + TYPES[type] + "/" + host + "/tcp/" + port + "/p2p/" + peerId);
            previousPeer = peerId;
        }
        return hints;
    }

    private static Parts parse(String multiaddr) {
        String[] parts = multiaddr.strip().split("/", -1);
        if (parts.length != 7 || !parts[0].isEmpty() || !parts[3].equals("tcp") || !(parts[5].equals("p2p") || parts[5].equals("ipfs"))) {
            throw new IllegalArgumentException("a network hint is /ip4|ip6|dns4|dns6/<host>/tcp/<port>/p2p/<peer id>: " + multiaddr);
        }
        int type = List.of(TYPES).indexOf(parts[1]);
        if (type < 0) {
            throw new IllegalArgumentException("unsupported address type in " + multiaddr);
        }
        int port;
        try {
            port = Integer.parseInt(parts[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: " + parts[4]);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new Parts(type, parts[2], port, parts[6]);
    }

    private static byte[] hostBytes(Parts parts) {
        return switch (parts.type()) {
            case 0 -> ip4(parts.host());
            case 1 -> ip6(parts.host());
            default -> {
                if (!HOST.matcher(parts.host()).matches()) {
                    throw new IllegalArgumentException("not a host name: " + parts.host());
                }
                byte[] name = parts.host().getBytes(StandardCharsets.US_ASCII);
                byte[] out = new byte[1 + name.length];
                out[0] = (byte) name.length;
                System.arraycopy(name, 0, out, 1, name.length);
                yield out;
            }
        };
    }

    private static String readHost(ByteBuffer in, int type) {
        return switch (type) {
            case 0 -> {
                byte[] a = new byte[4];
                in.get(a);
                yield (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
            }
            case 1 -> {
                byte[] a = new byte[16];
                in.get(a);
                try {
                    yield InetAddress.getByAddress(a).getHostAddress();
                } catch (UnknownHostException impossible) {
                    throw new IllegalArgumentException(impossible);
                }
            }
            default -> {
                int length = in.get() & 0xFF;
                byte[] name = new byte[length];
                in.get(name);
                String host = new String(name, StandardCharsets.US_ASCII);
                if (!HOST.matcher(host).matches()) {
                    throw new IllegalArgumentException("not a host name in a network hint");
                }
                yield host;
            }
        };
    }

    private static byte[] ip4(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!octets[i].matches("\\d{1,3}") || Integer.parseInt(octets[i]) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            out[i] = (byte) Integer.parseInt(octets[i]);
        }
        return out;
    }

    private static byte[] ip6(String text) {
        try {
            if (!text.contains(":") || !(InetAddress.ofLiteral(text) instanceof Inet6Address address)) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return address.getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}

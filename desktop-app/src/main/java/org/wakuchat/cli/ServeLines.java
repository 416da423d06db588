package org.wakuchat.cli;

/** The {@code serve --json} line formats (a contract with scripts, like {@link Lines}: add fields, never rename). */
final class ServeLines {

    private ServeLines() {
    }

    /** A multiaddress clients can dial, ending in {@code /p2p/<peer id>}. */
    record AddressLine(String type, String address) {
    }

    /** The node's ENR, with discv5. */
    record EnrLine(String type, String enr) {
    }

    /**
     * Every --stats-interval: connected peers, messages relayed since start (counted, never read),
     * stored messages at the last Store check (absent before the first), the Store's bytes on disk.
     */
    record StatsLine(String type, long uptimeSeconds, int peers, long relayed, Long stored, long storeBytes) {
        String human() {
            return "stats uptime_s=" + uptimeSeconds + " peers=" + peers + " relayed=" + relayed
                    + " stored=" + (stored == null ? "?" : stored) + " store_bytes=" + storeBytes;
        }
    }

    /** The Store outgrew --store-max-size: its oldest messages were deleted. */
    record PrunedLine(String type, long deleted, long stored, long storeBytes) {
    }
}

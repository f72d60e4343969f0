package de.wattos.platform.internal;

import java.net.InetAddress;
import java.util.List;

/**
 * Which addresses an outbound fetch of a user-supplied URL must not reach: every block of the IANA IPv4 and IPv6
 * special-purpose address registries (RFC 6890 and its updates), multicast, and every IPv6 address outside global
 * unicast 2000::/3. IPv6 forms that carry an IPv4 address (IPv4-compatible, -mapped, -translated, NAT64, 6to4,
 * Teredo) are judged by that IPv4 address, so {@code [::127.0.0.1]} or {@code [64:ff9b::7f00:1]} count as loopback.
 */
public final class SpecialPurposeAddresses {

    private record Block(byte[] prefix, int bits, String name) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Block> IPV4 = List.of(
            v4("0.0.0.0", 8, "this network"),
            v4("10.0.0.0", 8, "private"),
            v4("100.64.0.0", 10, "shared address space (CGNAT)"),
            v4("127.0.0.0", 8, "loopback"),
            v4("169.254.0.0", 16, "link local"),
            v4("172.16.0.0", 12, "private"),
            v4("192.0.0.0", 24, "IETF protocol assignments"),
            v4("192.0.2.0", 24, "documentation (TEST-NET-1)"),
            v4("192.31.196.0", 24, "AS112"),
            v4("192.52.193.0", 24, "AMT"),
            v4("192.88.99.0", 24, "deprecated 6to4 relay anycast"),
            v4("192.168.0.0", 16, "private"),
            v4("192.175.48.0", 24, "AS112 direct delegation"),
            v4("198.18.0.0", 15, "benchmarking"),
            v4("198.51.100.0", 24, "documentation (TEST-NET-2)"),
            v4("203.0.113.0", 24, "documentation (TEST-NET-3)"),
            v4("224.0.0.0", 4, "multicast"),
            v4("240.0.0.0", 4, "reserved"),
            v4("255.255.255.255", 32, "limited broadcast"));

    private static final List<Block> IPV6 = List.of(
            v6("64:ff9b:1::", 48, "local-use IPv4/IPv6 translation"),
            v6("100::", 64, "discard only"),
            v6("2001::", 23, "IETF protocol assignments"),
            v6("2001:db8::", 32, "documentation"),
            v6("2620:4f:8000::", 48, "AS112 direct delegation"),
            v6("3fff::", 20, "documentation"),
            v6("5f00::", 16, "segment routing SIDs"),
            v6("fc00::", 7, "unique local"),
            v6("fe80::", 10, "link local"),
            v6("fec0::", 10, "deprecated site local"),
            v6("ff00::", 8, "multicast"));

    private static final Block GLOBAL_UNICAST = v6("2000::", 3, "global unicast");
    private static final Block TEREDO = v6("2001::", 32, "Teredo");
    private static final Block SIX_TO_FOUR = v6("2002::", 16, "6to4");
    private static final Block NAT64 = v6("64:ff9b::", 96, "NAT64 well-known prefix");
    private static final Block IPV4_COMPATIBLE = v6("::", 96, "IPv4-compatible");
    private static final Block IPV4_MAPPED = v6("::ffff:0:0", 96, "IPv4-mapped");
    private static final Block IPV4_TRANSLATED = v6("::ffff:0:0:0", 96, "IPv4-translated");

    private SpecialPurposeAddresses() {
    }

    /** True if the address must not be fetched from (see the class comment). */
    public static boolean isInternal(InetAddress address) {
        return reason(address) != null;
    }

    /** The name of the special-purpose block the address falls in, or null for an ordinary public address. */
    public static String reason(InetAddress address) {
        return reason(address.getAddress());
    }

    static String reason(byte[] b) {
        if (b.length == 4) {
            return firstBlock(IPV4, b);
        }
        if (IPV4_COMPATIBLE.contains(b) || IPV4_MAPPED.contains(b) || IPV4_TRANSLATED.contains(b) || NAT64.contains(b)) {
            return embedded(copy(b, 12), "IPv4 in IPv6");
        }
        if (SIX_TO_FOUR.contains(b)) {
            return embedded(copy(b, 2), "6to4");
        }
        if (TEREDO.contains(b)) {
            byte[] client = copy(b, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            String server = embedded(copy(b, 4), "Teredo server");
            return server != null ? server : embedded(client, "Teredo client");
        }
        String special = firstBlock(IPV6, b);
        if (special != null) {
            return special;
        }
        return GLOBAL_UNICAST.contains(b) ? null : "reserved IPv6 (outside global unicast)";
    }

    private static String embedded(byte[] ipv4, String form) {
        String inner = firstBlock(IPV4, ipv4);
        return inner == null ? null : inner + " (" + form + ")";
    }

    private static String firstBlock(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.name();
            }
        }
        return null;
    }

    private static byte[] copy(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static Block v4(String address, int bits, String name) {
        return new Block(literal(address), bits, name);
    }

    private static Block v6(String address, int bits, String name) {
        byte[] bytes = literal(address);
        if (bytes.length == 4) { // ::ffff:0:0 is returned as IPv4 by the JDK; keep the 16-byte form
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return new Block(bytes, bits, name);
    }

    private static byte[] literal(String address) {
        try {
            // literals only: no name resolution happens for numeric addresses
            return InetAddress.getByName(address).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}

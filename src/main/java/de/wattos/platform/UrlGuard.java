package de.wattos.platform;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for every outbound fetch of a URL that users can influence (crawler, provider base URLs,
 * avatars …). Only http/https; hosts that resolve to loopback, private, link-local, unique-local, multicast,
 * CGNAT or unspecified addresses are refused unless private networks are allowed: by configuration
 * ({@code wattos.network.allow-private-networks=true}) or by the stored platform setting (set by a platform admin,
 * e.g. the quickstart for a local site; it survives restarts, so nightly recrawls still reach the site). Needed for
 * tests on loopback and for on-premise model servers. Check again after every redirect.
 */
@Component
public class UrlGuard {

    private final boolean allowPrivate;
    private final PlatformSettings settings;

    @Autowired
    public UrlGuard(@Value("${wattos.network.allow-private-networks:false}") boolean allowPrivate, PlatformSettings settings) {
        this.allowPrivate = allowPrivate;
        this.settings = settings;
    }

    /** A guard decided by configuration alone (tools and tests without a database). */
    public UrlGuard(boolean allowPrivate) {
        this(allowPrivate, null);
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivate || (settings != null && settings.allowPrivateNetworks());
    }

    /** Returns the URI if it may be fetched, else throws {@link BlockedUrlException} with a reason a person understands. */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new BlockedUrlException("invalid_url", "Not a valid URL: " + url);
        }
        return check(uri);
    }

    public URI check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BlockedUrlException("unsupported_scheme", "Only http and https URLs are allowed: " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new BlockedUrlException("invalid_url", "URL has no host: " + uri);
        }
        if (uri.getUserInfo() != null) {
            throw new BlockedUrlException("invalid_url", "Credentials in URLs are not allowed");
        }
        if (!allowsPrivateNetworks()) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new BlockedUrlException("unknown_host", "Host cannot be resolved: " + host);
            }
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new BlockedUrlException("private_address",
                            "Host " + host + " resolves to a private or local address (" + address.getHostAddress() + ")");
                }
            }
        }
        return uri;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    || first >= 240; // reserved + broadcast
        }
        if (b.length == 16) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A refused URL; {@code code} is stable (invalid_url, unsupported_scheme, unknown_host, private_address). */
    public static class BlockedUrlException extends RuntimeException {
        private final String code;

        public BlockedUrlException(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

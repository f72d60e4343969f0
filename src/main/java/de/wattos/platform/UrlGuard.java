package de.wattos.platform;

import de.wattos.platform.internal.SpecialPurposeAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for every outbound fetch of a URL that users can influence (crawler, provider base URLs,
 * avatars …). Only http/https; hosts that resolve to an address of the IANA special-purpose registries (loopback,
 * private, link-local, CGNAT, documentation, benchmarking, multicast, reserved …, also when embedded in an IPv6
 * address) are refused unless private networks are allowed: by configuration
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

    /**
     * Checks the URL like {@link #check(URI)} and returns the one address it was checked against. Connecting to that
     * address (not resolving the host again) closes the DNS-rebinding gap: a name server that answers a public
     * address for the check and a private one for the connection gets only one question.
     */
    public InetAddress resolveChecked(URI uri) {
        check(uri, false);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new BlockedUrlException("unknown_host", "Host cannot be resolved: " + uri.getHost());
        }
        if (!allowsPrivateNetworks()) {
            for (InetAddress address : addresses) {
                String reason = SpecialPurposeAddresses.reason(address);
                if (reason != null) {
                    throw new BlockedUrlException("private_address", "Host " + uri.getHost()
                            + " resolves to a private, local or reserved address (" + address.getHostAddress() + ": " + reason + ")");
                }
            }
        }
        return addresses[0];
    }

    public URI check(URI uri) {
        return check(uri, true);
    }

    private URI check(URI uri, boolean resolve) {
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
        if (resolve && !allowsPrivateNetworks()) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new BlockedUrlException("unknown_host", "Host cannot be resolved: " + host);
            }
            for (InetAddress address : addresses) {
                String reason = SpecialPurposeAddresses.reason(address);
                if (reason != null) {
                    throw new BlockedUrlException("private_address", "Host " + host
                            + " resolves to a private, local or reserved address (" + address.getHostAddress() + ": " + reason + ")");
                }
            }
        }
        return uri;
    }

    /** True for addresses of the IANA special-purpose registries (also when embedded in IPv6); see {@link SpecialPurposeAddresses}. */
    public static boolean isInternal(InetAddress a) {
        return SpecialPurposeAddresses.isInternal(a);
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

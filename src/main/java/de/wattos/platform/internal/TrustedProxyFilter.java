package de.wattos.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client address behind reverse proxies: {@code X-Forwarded-For} is believed only when the connection comes
 * from a proxy listed in {@code wattos.network.trusted-proxies} (IP addresses or CIDR blocks, comma separated;
 * env {@code WATTOS_NETWORK_TRUSTED_PROXIES}; default none). The header is read from the right, skipping trusted
 * proxies; the first other address is the client. Everything downstream (login throttle, audit, widget limits)
 * sees it as {@link HttpServletRequest#getRemoteAddr()}. Without trusted proxies the header is ignored, so a
 * client cannot choose its own address.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrustedProxyFilter extends OncePerRequestFilter {

    private final List<Cidr> trusted;

    TrustedProxyFilter(@Value("${wattos.network.trusted-proxies:}") List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                parsed.add(Cidr.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = trusted.isEmpty() ? null : clientBehindProxies(request);
        chain.doFilter(client == null ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }

    String clientBehindProxies(HttpServletRequest request) {
        if (!isTrusted(request.getRemoteAddr())) {
            return null;
        }
        List<String> hops = new ArrayList<>();
        var headers = request.getHeaders("X-Forwarded-For");
        while (headers.hasMoreElements()) {
            for (String hop : headers.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            InetAddress address = literal(hop);
            if (address == null) {
                return null; // garbage in the chain: keep the proxy's own address rather than guess
            }
            if (!isTrusted(address)) {
                return address.getHostAddress();
            }
        }
        return null;
    }

    private boolean isTrusted(String address) {
        InetAddress a = literal(address);
        return a != null && isTrusted(a);
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Only numeric addresses: a name in X-Forwarded-For must never cause a DNS lookup. */
    static InetAddress literal(String text) {
        String s = text.startsWith("[") && text.contains("]") ? text.substring(1, text.indexOf(']')) : text;
        if (s.isEmpty() || !(s.contains(":") || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            return null;
        }
        if (!s.contains(":") && s.chars().filter(c -> c == '.').count() != 3) {
            return null;
        }
        if (s.chars().anyMatch(c -> !(Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%'))) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("wattos.network.trusted-proxies: not an IP address or CIDR block: " + text);
            }
            int max = address.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("wattos.network.trusted-proxies: bad prefix length in " + text);
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

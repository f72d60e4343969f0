package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** X-Forwarded-For is believed only from configured proxies, read from the right, and never resolved as a name. */
class TrustedProxyFilterTest {

    private final TrustedProxyFilter filter = new TrustedProxyFilter(List.of("10.0.0.0/8", "2001:db8::1"));

    private static MockHttpServletRequest request(String remote, String... forwardedFor) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/api/v1/me");
        r.setRemoteAddr(remote);
        for (String header : forwardedFor) {
            r.addHeader("X-Forwarded-For", header);
        }
        return r;
    }

    @Test
    void takesTheFirstUntrustedHopFromTheRight() {
        assertThat(filter.clientBehindProxies(request("10.1.2.3", "198.51.100.7"))).isEqualTo("198.51.100.7");
        assertThat(filter.clientBehindProxies(request("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9"))).isEqualTo("198.51.100.7");
        assertThat(filter.clientBehindProxies(request("2001:db8::1", "203.0.113.4", "10.0.0.2"))).isEqualTo("203.0.113.4");
    }

    @Test
    void ignoresTheHeaderFromEveryoneElseAndGarbageInIt() {
        assertThat(filter.clientBehindProxies(request("198.51.100.99", "1.2.3.4"))).isNull();
        assertThat(filter.clientBehindProxies(request("10.1.2.3", "evil.example"))).isNull();
        assertThat(filter.clientBehindProxies(request("10.1.2.3", "unknown"))).isNull();
        assertThat(filter.clientBehindProxies(request("10.1.2.3"))).isNull();
        assertThat(filter.clientBehindProxies(request("10.1.2.3", "10.0.0.5"))).isNull();
    }

    @Test
    void refusesAConfigurationThatIsNotAnAddress() {
        assertThatThrownBy(() -> new TrustedProxyFilter(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedProxyFilter(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}

package de.wattos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard decides by the IANA special-purpose registries and by the IPv4 address hidden in IPv6 forms. Only
 * literal addresses are used here, so nothing depends on DNS or on this machine's own address.
 */
class UrlGuardTest {

    private final UrlGuard strict = new UrlGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4 special-purpose blocks
            "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.255.255.255", "169.254.169.254",
            "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1",
            "198.19.255.255", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
            "255.255.255.255",
            // IPv6 special-purpose blocks
            "::", "::1", "100::1", "2001:db8::1", "2001:2::1", "2001:10::1", "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1",
            "fe80::1", "fec0::1", "ff02::1", "64:ff9b:1::1", "4000::1", "1::1",
            // IPv4 hidden in IPv6
            "::127.0.0.1", "::7f00:1", "::ffff:127.0.0.1", "::ffff:0:7f00:1", "64:ff9b::7f00:1", "64:ff9b::a00:1",
            "64:ff9b::c000:201", "2002:7f00:1::1", "2002:c0a8:101::1", "2001:0:7f00:1::1", "2001:0:4136:e378:8000:63bf:f5ff:fffe"})
    void refusesSpecialPurposeAndEmbeddedInternalAddresses(String literal) {
        assertThatThrownBy(() -> strict.check(url(literal)))
                .isInstanceOf(UrlGuard.BlockedUrlException.class)
                .satisfies(e -> assertThat(((UrlGuard.BlockedUrlException) e).code()).isEqualTo("private_address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "1.1.1.1", "8.8.8.8", "192.0.3.1", "198.51.99.1", "203.0.114.1", "100.63.255.255",
            "100.128.0.1", "172.32.0.1", "2a00:1450:4001:80b::200e", "2606:4700:4700::1111", "64:ff9b::5db8:d70e",
            "2002:5db8:d70e::1", "2001:0:5db8:d70e::a247:28f1"})
    void letsPublicAddressesThrough(String literal) {
        assertThat(strict.check(url(literal))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::127.0.0.1", "64:ff9b::7f00:1", "192.0.2.1", "100::1"})
    void allowsAllOfThemWhenPrivateNetworksAreAllowed(String literal) {
        assertThat(new UrlGuard(true).check(url(literal))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.de/", "jar:http://x/!/", "http://user:pw@93.184.215.14/", "http:///x"})
    void refusesOtherSchemesCredentialsAndHostlessUrls(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(UrlGuard.BlockedUrlException.class);
    }

    @org.junit.jupiter.api.Test
    void classifiesAddressesWithoutAUrl() throws Exception {
        assertThat(UrlGuard.isInternal(InetAddress.getByName("::ffff:0:a00:1"))).isTrue();
        assertThat(UrlGuard.isInternal(InetAddress.getByName("8.8.4.4"))).isFalse();
    }

    private static String url(String literal) {
        return "http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/";
    }
}

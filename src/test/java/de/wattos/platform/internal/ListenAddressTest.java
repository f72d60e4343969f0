package de.wattos.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** WATTOS_ADDRESS chooses the interface; unset, nothing changes (all interfaces); server.address still wins. */
class ListenAddressTest {

    private static MockEnvironment after(MockEnvironment environment) {
        new ListenAddress().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void mapsTheWattosSettingOntoServerAddress() {
        assertThat(after(new MockEnvironment().withProperty("WATTOS_ADDRESS", "127.0.0.1")).getProperty("server.address"))
                .isEqualTo("127.0.0.1");
        assertThat(after(new MockEnvironment().withProperty("wattos.address", "::1")).getProperty("server.address")).isEqualTo("::1");
    }

    @Test
    void leavesTheDefaultAndAnExplicitServerAddressAlone() {
        assertThat(after(new MockEnvironment()).getProperty("server.address")).isNull();
        assertThat(after(new MockEnvironment().withProperty("WATTOS_ADDRESS", " ")).getProperty("server.address")).isNull();
        assertThat(after(new MockEnvironment().withProperty("WATTOS_ADDRESS", "127.0.0.1").withProperty("server.address", "0.0.0.0"))
                .getProperty("server.address")).isEqualTo("0.0.0.0");
    }
}

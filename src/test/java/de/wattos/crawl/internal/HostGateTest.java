package de.wattos.crawl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostGateTest {

    @Test
    void spacesRequestStartsByTheDelay() throws Exception {
        HostGate gate = new HostGate(2, Duration.ofMillis(100));
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            gate.acquire();
            gate.release();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}

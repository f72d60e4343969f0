package de.wattos.llm.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final CircuitBreakers breakers = new CircuitBreakers(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breakers.failure("p");
        breakers.failure("p");
        breakers.success("p");
        breakers.failure("p");
        breakers.failure("p");
        assertThat(breakers.tryAcquire("p")).isTrue();
        breakers.failure("p");
        assertThat(breakers.state("p")).isEqualTo(CircuitBreakers.State.OPEN);
        assertThat(breakers.tryAcquire("p")).isFalse();
        assertThat(breakers.tryAcquire("other")).isTrue();
    }

    @Test
    void halfOpenLetsOneTrialThroughThatDecides() {
        for (int i = 0; i < 3; i++) {
            breakers.failure("p");
        }
        now = now.plusSeconds(31);
        assertThat(breakers.state("p")).isEqualTo(CircuitBreakers.State.HALF_OPEN);
        assertThat(breakers.tryAcquire("p")).isTrue();
        assertThat(breakers.tryAcquire("p")).as("only one trial at a time").isFalse();
        breakers.failure("p");
        assertThat(breakers.state("p")).as("a failed trial re-opens at once").isEqualTo(CircuitBreakers.State.OPEN);
        now = now.plusSeconds(31);
        assertThat(breakers.tryAcquire("p")).isTrue();
        breakers.success("p");
        assertThat(breakers.state("p")).isEqualTo(CircuitBreakers.State.CLOSED);
        assertThat(breakers.tryAcquire("p")).isTrue();
        assertThat(breakers.tryAcquire("p")).isTrue();
    }

    @Test
    void aCancelledTrialReleasesTheSlot() {
        for (int i = 0; i < 3; i++) {
            breakers.failure("p");
        }
        now = now.plusSeconds(31);
        assertThat(breakers.tryAcquire("p")).isTrue();
        breakers.release("p");
        assertThat(breakers.tryAcquire("p")).isTrue();
    }
}

package de.wattos.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.platform.internal.cluster.LocalFailureWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The throttle's rules without the web around it (a fixed clock, so nothing depends on timing). */
class LoginThrottleTest {

    private final AuthProperties.Lockout config = new AuthProperties.Lockout(3, 8, Duration.ofMinutes(15), 20);
    private final LoginThrottle throttle = new LoginThrottle(config, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC),
            new LocalFailureWindows());

    @Test
    void oneNoisyClientDoesNotLockOtherAccountsBehindTheSameAddress() {
        String nat = "203.0.113.50";
        for (int i = 0; i < 100; i++) {
            throttle.failed(LoginThrottle.nameKey("gemeinde", "guess-" + i), nat);
        }
        assertThat(throttle.ipRefusal(nat)).as("failures from the noisy address are answered 429").isNotNull();
        String colleague = LoginThrottle.accountKey(UUID.randomUUID());
        assertThat(throttle.check(colleague)).as("a colleague behind the same NAT may still try (and succeed)").isNull();
        assertThat(throttle.ipRefusal("198.51.100.1")).isNull();
    }

    @Test
    void anAccountSlowsDownThenLocks() {
        String account = LoginThrottle.accountKey(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check(account)).isNull();
            throttle.failed(account, "198.51.100.2");
        }
        assertThat(throttle.check(account).code()).isEqualTo("too_many_attempts");
        for (int i = 0; i < 5; i++) {
            throttle.failed(account, "198.51.100.2");
        }
        assertThat(throttle.check(account).code()).isEqualTo("account_locked");
        throttle.succeeded(account);
        assertThat(throttle.check(account)).isNull();
    }

    @Test
    void aClientThatHonoursRetryAfterIsLetInAgain() {
        MovingClock clock = new MovingClock(Instant.parse("2026-12-01T10:00:00Z"));
        LoginThrottle moving = new LoginThrottle(config, clock, new LocalFailureWindows());
        String account = LoginThrottle.accountKey(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            moving.failed(account, "198.51.100.3");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(moving.check(account)).as("throttled after three failures").isNotNull();
            LoginThrottle.Refusal refusal = moving.refusedAttempt(account, "198.51.100.3");
            assertThat(refusal.code()).isEqualTo("too_many_attempts");
            clock.advance(Duration.ofSeconds(refusal.retryAfterSeconds()));
            assertThat(moving.check(account)).as("after waiting Retry-After (%s s) the next try is allowed",
                    refusal.retryAfterSeconds()).isNull();
            moving.failed(account, "198.51.100.3");
        }
    }

    /** A clock the test moves on by hand. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void unknownNamesAreCountedByNameCaseInsensitively() {
        assertThat(LoginThrottle.nameKey("Gemeinde", "Max@Example.DE")).isEqualTo(LoginThrottle.nameKey("gemeinde", "max@example.de"));
        assertThat(LoginThrottle.nameKey(null, "max")).isNotEqualTo(LoginThrottle.nameKey("gemeinde", "max"));
    }
}

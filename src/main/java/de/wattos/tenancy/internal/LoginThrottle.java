package de.wattos.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Failed-login bookkeeping per account name (whether or not it exists, so answers reveal nothing) and per client
 * IP. After a few failures the next attempts must wait, growing; after more the account is locked for the window.
 * In memory per instance: a cluster multiplies the allowance by its size, which still stops guessing.
 */
@Component
class LoginThrottle {

    private final AuthProperties.Lockout config;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(AuthProperties properties) {
        this(properties.lockout(), Clock.systemUTC());
    }

    LoginThrottle(AuthProperties.Lockout config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    private record Failures(int count, Instant first, Instant last) {
    }

    /** Why an attempt may not proceed now, with the seconds to wait; null if it may. */
    record Refusal(String code, long retryAfterSeconds) {
    }

    Refusal check(String accountKey, String ip) {
        Instant now = clock.instant();
        Failures ip1 = live(ipKey(ip), now);
        if (ip1 != null && ip1.count() >= config.ipLimit()) {
            return new Refusal("too_many_attempts", secondsLeft(ip1, now));
        }
        Failures account = live(accountKey, now);
        if (account == null || account.count() < config.slowDownAfter()) {
            return null;
        }
        if (account.count() >= config.lockAfter()) {
            return new Refusal("account_locked", secondsLeft(account, now));
        }
        // slow down: 2^(n - slowDownAfter + 1) seconds after the last failure, capped at a minute
        long wait = Math.min(60, 2L << Math.min(5, account.count() - config.slowDownAfter()));
        long since = Duration.between(account.last(), now).toSeconds();
        return since >= wait ? null : new Refusal("too_many_attempts", wait - since);
    }

    void failed(String accountKey, String ip) {
        Instant now = clock.instant();
        for (String key : new String[] {accountKey, ipKey(ip)}) {
            failures.compute(key, (k, f) -> f == null || expired(f, now) ? new Failures(1, now, now)
                    : new Failures(f.count() + 1, f.first(), now));
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
    }

    void succeeded(String accountKey) {
        failures.remove(accountKey);
    }

    private Failures live(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || expired(f, now) ? null : f;
    }

    private boolean expired(Failures f, Instant now) {
        return f.first().plus(config.window()).isBefore(now);
    }

    private long secondsLeft(Failures f, Instant now) {
        return Math.max(1, Duration.between(now, f.first().plus(config.window())).toSeconds());
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}

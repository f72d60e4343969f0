package de.wattos.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import de.wattos.platform.cluster.FailureWindows;
import de.wattos.platform.cluster.FailureWindows.Window;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Failed-login bookkeeping. Per account: the key is the account itself when the typed name resolves to one (so
 * user name, e-mail + tenant and e-mail alone share one counter), else the typed name (so unknown names behave
 * the same and reveal nothing). After a few failures the next attempts must wait, growing; after more the account
 * is locked for the window. Per client IP: beyond {@code ipLimit} failures in the window further failures are
 * answered "too many attempts", but a correct password still logs in, so one noisy client behind a shared NAT or
 * proxy cannot lock out everyone else's correct logins (each account keeps its own lock).
 * The counts live in {@link FailureWindows}: in this process on the embedded default, in Redis in production mode, so
 * several instances share one allowance.
 */
@Component
public class LoginThrottle {

    private final AuthProperties.Lockout config;
    private final Clock clock;
    private final FailureWindows windows;

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(AuthProperties properties, FailureWindows windows) {
        this(properties.lockout(), Clock.systemUTC(), windows);
    }

    LoginThrottle(AuthProperties.Lockout config, Clock clock, FailureWindows windows) {
        this.config = config;
        this.clock = clock;
        this.windows = windows;
    }

    /** Why an attempt may not proceed now, with the seconds to wait; null if it may. */
    public record Refusal(String code, long retryAfterSeconds) {
    }

    public static String accountKey(UUID userId) {
        return "acct:" + userId;
    }

    public static String nameKey(String tenant, String typedName) {
        return "name:" + (tenant == null ? "" : tenant.toLowerCase(Locale.ROOT)) + "/" + typedName.toLowerCase(Locale.ROOT);
    }

    /** Whether the account (or unknown name) may try at all right now. */
    public Refusal check(String accountKey) {
        Instant now = clock.instant();
        Window account = windows.open(accountKey, now, config.window());
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

    /** After a failed attempt: the refusal to answer with if the client IP is over its limit, else null. */
    public Refusal ipRefusal(String ip) {
        Instant now = clock.instant();
        Window f = windows.open(ipKey(ip), now, config.window());
        return f != null && f.count() > config.ipLimit() ? new Refusal("too_many_attempts", secondsLeft(f, now)) : null;
    }

    /**
     * Counts an attempt made while {@link #check} refuses (so guessing on regardless ends in the lock) and returns
     * the refusal as it stands after counting it, so its wait is one a client can honour: retrying after
     * {@code retryAfterSeconds} is allowed (unless the account is locked by then).
     */
    public Refusal refusedAttempt(String accountKey, String ip) {
        failed(accountKey, ip);
        Refusal after = check(accountKey);
        return after != null ? after : new Refusal("too_many_attempts", 1);
    }

    public void failed(String accountKey, String ip) {
        Instant now = clock.instant();
        windows.fail(accountKey, now, config.window());
        windows.fail(ipKey(ip), now, config.window());
    }

    public void succeeded(String accountKey) {
        windows.clear(accountKey);
    }

    private long secondsLeft(Window f, Instant now) {
        return Math.max(1, Duration.between(now, f.first().plus(config.window())).toSeconds());
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}

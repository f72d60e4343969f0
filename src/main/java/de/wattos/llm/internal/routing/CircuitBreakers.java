package de.wattos.llm.internal.routing;

import de.wattos.llm.internal.LlmProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One breaker per provider (in this instance): closed until {@code failureThreshold} consecutive failures, then
 * open (calls skip the provider) for {@code coolDown}, then half-open: exactly one trial call decides whether it
 * closes again or re-opens.
 */
@Component
public class CircuitBreakers {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    @Autowired
    public CircuitBreakers(LlmProperties properties) {
        this(properties.breaker().failureThreshold(), properties.breaker().coolDown(), Clock.systemUTC());
    }

    public CircuitBreakers(int threshold, Duration coolDown, Clock clock) {
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    private static final class Breaker {
        int consecutiveFailures;
        Instant openedAt;
        boolean trialRunning;
    }

    /** Whether a call may go to this provider now; in half-open state only one caller gets true. */
    public boolean tryAcquire(String key) {
        Breaker b = breakers.computeIfAbsent(key, k -> new Breaker());
        synchronized (b) {
            if (b.openedAt == null) {
                return true;
            }
            if (clock.instant().isBefore(b.openedAt.plus(coolDown)) || b.trialRunning) {
                return false;
            }
            b.trialRunning = true;
            return true;
        }
    }

    public void success(String key) {
        Breaker b = breakers.computeIfAbsent(key, k -> new Breaker());
        synchronized (b) {
            b.consecutiveFailures = 0;
            b.openedAt = null;
            b.trialRunning = false;
        }
    }

    public void failure(String key) {
        Breaker b = breakers.computeIfAbsent(key, k -> new Breaker());
        synchronized (b) {
            b.consecutiveFailures++;
            if (b.trialRunning || b.consecutiveFailures >= threshold) {
                b.openedAt = clock.instant();
            }
            b.trialRunning = false;
        }
    }

    /** Releases a half-open trial that ended without a verdict (cancelled by the caller). */
    public void release(String key) {
        Breaker b = breakers.get(key);
        if (b != null) {
            synchronized (b) {
                b.trialRunning = false;
            }
        }
    }

    public State state(String key) {
        Breaker b = breakers.get(key);
        if (b == null) {
            return State.CLOSED;
        }
        synchronized (b) {
            if (b.openedAt == null) {
                return State.CLOSED;
            }
            return clock.instant().isBefore(b.openedAt.plus(coolDown)) ? State.OPEN : State.HALF_OPEN;
        }
    }
}

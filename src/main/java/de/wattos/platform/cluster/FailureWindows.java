package de.wattos.platform.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts failures per key in a fixed window that opens with the first failure and closes {@code window} later
 * (login throttling). A closed window counts from one again.
 */
public interface FailureWindows {

    /** A window's failures so far: how many, when the first and the latest happened. */
    record Window(int count, Instant first, Instant last) {
    }

    /** The key's open window, or null if it has none at {@code now}. */
    Window open(String key, Instant now, Duration window);

    /** Counts one failure at {@code now} and returns the window it was counted in. */
    Window fail(String key, Instant now, Duration window);

    /** Forgets the key's window (after a success). */
    void clear(String key);
}

package de.wattos.platform.internal.cluster;

import de.wattos.platform.cluster.FailureWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** In-process failure windows; closed windows are pruned once the map grows large. */
@Component
@Conditional(RedisMode.Off.class)
public class LocalFailureWindows implements FailureWindows {

    private static final int PRUNE_ABOVE = 100_000;

    private record Held(Window window, Duration length) {
        boolean closedAt(Instant now) {
            return window.first().plus(length).isBefore(now);
        }
    }

    private final Map<String, Held> windows = new ConcurrentHashMap<>();

    @Override
    public Window open(String key, Instant now, Duration window) {
        Held held = windows.get(key);
        return held == null || held.closedAt(now) ? null : held.window();
    }

    @Override
    public Window fail(String key, Instant now, Duration window) {
        Held held = windows.compute(key, (k, h) -> h == null || h.closedAt(now)
                ? new Held(new Window(1, now, now), window)
                : new Held(new Window(h.window().count() + 1, h.window().first(), now), window));
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(h -> h.closedAt(now));
        }
        return held.window();
    }

    @Override
    public void clear(String key) {
        windows.remove(key);
    }
}

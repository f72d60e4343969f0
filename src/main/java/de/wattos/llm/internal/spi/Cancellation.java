package de.wattos.llm.internal.spi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cancel signal shared between the gateway's stream handle and whatever provider call is running. */
public final class Cancellation {

    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // best effort: closing a connection that is already gone
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers an action run on cancel (at once if already cancelled); returns a handle that unregisters it. */
    public Runnable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }
}

package de.wattos.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stops WattOS in order when it is asked to (SIGTERM from {@code ./wattos stop} or a service manager, SIGINT from a
 * terminal, SIGHUP): first the drains registered here run (they refuse new native calls and wait for those in
 * flight), then the JVM exits with status 0 and its shutdown hooks close the rest.
 *
 * <p>Why not a shutdown hook: the JVM starts all hooks at once, in no order, and libraries register their own. ONNX
 * Runtime's Java binding releases its native environment in one; when that runs while another thread is still
 * creating a session or embedding, the thread uses the freed logger ("Attempt to use DefaultLogger but none has been
 * registered", or SIGSEGV in {@code libonnxruntime.so} and a JVM abort, exit code 134). No hook can run before
 * another one, but a signal handler runs before all of them.
 */
public final class OrderlyExit {

    private static final Logger log = LoggerFactory.getLogger(OrderlyExit.class);
    private static final List<Runnable> drains = new CopyOnWriteArrayList<>();
    private static volatile boolean stopping;

    private OrderlyExit() {
    }

    /**
     * Registers work that must end before the JVM's shutdown hooks start. It must be idempotent and bounded: it may
     * run twice (when registered while a stop is already under way) and a stop waits for it.
     */
    public static void beforeExit(Runnable drain) {
        drains.add(drain);
        if (stopping) {
            // registered after the stop took its list: the stopping thread may have missed it
            runQuietly(drain);
        }
    }

    /** Whether a stop has begun (new long-running work should not start). */
    public static boolean stopping() {
        return stopping;
    }

    /** Handles the stop signals as described above (the application's {@code main}, never tests). */
    public static void onStopSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                Signal.handle(new Signal(name), OrderlyExit::stop);
            } catch (IllegalArgumentException e) {
                // the signal is reserved (e.g. -Xrs): the JVM's own handling stays, with its shutdown hooks only
                log.debug("Cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }

    private static void stop(Signal signal) {
        stopping = true;
        log.info("SIG{} received: finishing native work, then stopping", signal.getName());
        for (Runnable drain : drains) {
            runQuietly(drain);
        }
        System.exit(0);
    }

    private static void runQuietly(Runnable drain) {
        try {
            drain.run();
        } catch (RuntimeException e) {
            log.warn("A stop step failed; stopping anyway", e);
        }
    }
}

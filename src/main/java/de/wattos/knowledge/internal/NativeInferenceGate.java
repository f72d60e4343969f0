package de.wattos.knowledge.internal;

import de.wattos.platform.OrderlyExit;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the native inference runtime from being torn down under a running call. ONNX Runtime's Java binding
 * registers its own shutdown hook that releases the native environment (its logger, its thread pools); the JVM runs
 * that hook concurrently with every other one, so a thread still creating a session or embedding then uses freed
 * memory (SIGSEGV in {@code libonnxruntime.so}, or "Attempt to use DefaultLogger but none has been registered").
 * Every native call enters this gate. A stop signal closes it before any shutdown hook starts
 * ({@link OrderlyExit}): new calls are refused and the calls in flight are waited for. The shutdown hook below is the
 * fallback for exits that come without a signal (it cannot order itself before the runtime's hook).
 */
final class NativeInferenceGate {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    private static volatile boolean closed;
    private static boolean drained;

    static {
        OrderlyExit.beforeExit(NativeInferenceGate::close);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("onnx-drain").unstarted(NativeInferenceGate::close));
    }

    private NativeInferenceGate() {
    }

    /** Runs a call into the native runtime; refused once WattOS is stopping. */
    static <T> T call(Callable<T> nativeCall) {
        if (closed || !LOCK.readLock().tryLock()) {
            // only a closing gate ever holds the write lock
            throw new StoppingException();
        }
        try {
            if (closed) {
                throw new StoppingException();
            }
            return nativeCall.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            LOCK.readLock().unlock();
        }
    }

    /** Refuses new native calls and waits (bounded) for those in flight; idempotent. */
    static synchronized void close() {
        closed = true;
        if (drained) {
            return;
        }
        try {
            if (LOCK.writeLock().tryLock(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                drained = true; // held until the process ends: nothing enters any more
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("wattos: an embedding call did not finish within " + DRAIN.toSeconds() + " s of the stop");
    }

    static boolean isClosed() {
        return closed;
    }
}

package de.wattos.knowledge.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the JVM from exiting while a thread is inside ONNX Runtime. When the JVM exits, the C runtime tears down
 * ONNX Runtime's global state (static destructors) while a thread may still be creating a session or running
 * inference in it; that thread then faults (SIGSEGV in {@code libonnxruntime.so}, e.g. in
 * {@code OrtSession.createSession} under the start-up warm-up when WattOS is stopped right after it became ready).
 * Every native call enters this gate; a shutdown hook closes it and waits until the calls in flight have left.
 */
final class NativeInferenceGate {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();
    private static volatile boolean closed;

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("onnx-drain").unstarted(NativeInferenceGate::close));
    }

    private NativeInferenceGate() {
    }

    /** Runs a call into the native runtime; refused once the JVM is shutting down. */
    static <T> T call(Callable<T> nativeCall) {
        if (!LOCK.readLock().tryLock()) {
            // only the shutdown hook ever holds the write lock
            throw new IllegalStateException("WattOS is shutting down: no new embeddings");
        }
        try {
            if (closed) {
                throw new IllegalStateException("WattOS is shutting down: no new embeddings");
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

    /** Waits (bounded) for the native calls in flight, then refuses new ones. */
    static void close() {
        closed = true;
        try {
            if (LOCK.writeLock().tryLock(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // held until the process ends: nothing enters any more
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("wattos: an embedding call did not finish within " + DRAIN.toSeconds() + " s of shutdown");
    }

    static boolean isClosed() {
        return closed;
    }
}

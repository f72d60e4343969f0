package de.wattos.knowledge.internal;

import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Where ingestion's embedding work queues, and where tenants take turns. Embedding is the slow stage of ingestion
 * (a 500 KB text is hundreds of chunks), so a document's texts are cut into slices of a few texts; each tenant has its
 * own queue of slices, and a fixed number of embedding threads take one slice at a time from the tenants in
 * rotation. A tenant's big document therefore holds the embedder for one slice at most before another tenant's
 * page gets its turn, however much the first tenant has queued. Within one tenant, slices keep their order.
 *
 * <p>Queries do not come through here: a search embeds one short text on the asking thread.
 */
@Component
public class TenantFairEmbedder implements AutoCloseable {

    /** Background work without a tenant (e.g. re-embedding everything) queues as one more "tenant". */
    private static final UUID NO_TENANT = new UUID(0, 0);

    private final EmbeddingModel model;
    private final int sliceSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Map<UUID, Deque<Slice>> queues = new HashMap<>();
    /** Tenants with queued slices, in the order they get their next turn. */
    private final Deque<UUID> rotation = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    TenantFairEmbedder(EmbeddingModel model, KnowledgeProperties props) {
        this.model = model;
        this.sliceSize = Math.max(1, Math.min(props.embeddingSlice(), props.embeddings().batchSize()));
        int parallel = Math.max(1, props.workers());
        for (int i = 1; i <= parallel; i++) {
            threads.add(Thread.ofPlatform().name("embed-" + i).daemon(true).start(this::serve));
        }
    }

    private record Slice(List<String> texts, CompletableFuture<List<float[]>> result) {
    }

    /** Embeds texts for the current tenant, taking turns with the other tenants' work; blocks until done. */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        UUID tenant = TenantContext.find().map(TenantRef::id).orElse(NO_TENANT);
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += sliceSize) {
            slices.add(new Slice(List.copyOf(texts.subList(i, Math.min(texts.size(), i + sliceSize))), new CompletableFuture<>()));
        }
        enqueue(tenant, slices);
        List<float[]> out = new ArrayList<>(texts.size());
        try {
            for (Slice s : slices) {
                out.addAll(s.result().get());
            }
            return out;
        } catch (InterruptedException e) {
            // only a stop interrupts the ingestion workers
            Thread.currentThread().interrupt();
            throw new StoppingException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // what is still queued is not wanted any more (failed or interrupted): the threads skip it
            slices.forEach(s -> s.result().cancel(false));
        }
    }

    private void enqueue(UUID tenant, List<Slice> slices) {
        lock.lock();
        try {
            if (closed) {
                throw new StoppingException();
            }
            Deque<Slice> queue = queues.computeIfAbsent(tenant, t -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                rotation.addLast(tenant);
            }
            queue.addAll(slices);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next slice in rotation: one slice of the tenant whose turn it is, who then goes to the back. */
    private Optional<Slice> next() throws InterruptedException {
        lock.lock();
        try {
            while (rotation.isEmpty() && !closed) {
                work.await();
            }
            if (closed) {
                return Optional.empty();
            }
            UUID tenant = rotation.pollFirst();
            Deque<Slice> queue = queues.get(tenant);
            Slice slice = queue.pollFirst();
            if (queue.isEmpty()) {
                queues.remove(tenant);
            } else {
                rotation.addLast(tenant);
            }
            return Optional.of(slice);
        } finally {
            lock.unlock();
        }
    }

    private void serve() {
        try {
            Optional<Slice> slice;
            while ((slice = next()).isPresent()) {
                Slice s = slice.get();
                if (s.result().isDone()) {
                    continue; // its document gave up
                }
                try {
                    s.result().complete(model.embed(s.texts()));
                } catch (RuntimeException | Error e) {
                    s.result().completeExceptionally(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Slices queued per tenant right now (tests). */
    Map<UUID, Integer> queued() {
        lock.lock();
        try {
            Map<UUID, Integer> out = new HashMap<>();
            queues.forEach((t, q) -> out.put(t, q.size()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queues.values().forEach(q -> q.forEach(s -> s.result().completeExceptionally(new StoppingException())));
            queues.clear();
            rotation.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

package de.wattos.llm.internal;

import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.ModelResponse.TokenUsage;
import de.wattos.llm.ModelStream;
import de.wattos.llm.StreamHandler;
import de.wattos.llm.ToolCall;
import de.wattos.llm.internal.extractive.ExtractiveAnswerer;
import de.wattos.llm.internal.pii.PiiShield;
import de.wattos.llm.internal.pii.StreamingRestorer;
import de.wattos.llm.internal.routing.Candidate;
import de.wattos.llm.internal.routing.CircuitBreakers;
import de.wattos.llm.internal.routing.ProviderCatalog;
import de.wattos.llm.internal.spi.Cancellation;
import de.wattos.llm.internal.spi.ProviderCall;
import de.wattos.llm.internal.spi.ProviderException;
import de.wattos.llm.internal.spi.ProviderResult;
import de.wattos.llm.internal.usage.Budgets;
import de.wattos.llm.internal.usage.CallOutcome;
import de.wattos.llm.internal.usage.CallRecord;
import de.wattos.llm.internal.usage.Prices;
import de.wattos.llm.internal.usage.Usage;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link LanguageModels}: budget check, provider order, PII masking, retries on 429 (honouring Retry-After),
 * circuit breakers, fallback before the first token, and one usage record per provider attempt. With no provider
 * configured, or the budget spent (and extractive fallback on), the {@link ExtractiveAnswerer} answers.
 */
@Service
public class Gateway implements LanguageModels {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final ProviderCatalog catalog;
    private final CircuitBreakers breakers;
    private final ExtractiveAnswerer extractive;
    private final PiiShield pii;
    private final Usage usage;
    private final Budgets budgets;
    private final Prices prices;
    private final LlmProperties.Retry retry;

    public Gateway(ProviderCatalog catalog, CircuitBreakers breakers, ExtractiveAnswerer extractive, PiiShield pii,
            Usage usage, Budgets budgets, Prices prices, LlmProperties properties) {
        this.catalog = catalog;
        this.breakers = breakers;
        this.extractive = extractive;
        this.pii = pii;
        this.usage = usage;
        this.budgets = budgets;
        this.prices = prices;
        this.retry = properties.retry();
    }

    /** What a call will do: ask providers in order, or let the extractive answerer answer (and why). */
    private record Plan(List<Candidate> candidates, CallOutcome extractiveOutcome) {
        boolean extractive() {
            return extractiveOutcome != null;
        }
    }

    private Plan plan(ModelRequest request) {
        if (ExtractiveAnswerer.NAME.equals(request.model())) {
            return new Plan(List.of(), CallOutcome.OK);
        }
        List<Candidate> candidates = catalog.candidates(request.model());
        if (candidates.isEmpty()) {
            return new Plan(List.of(), CallOutcome.OK);
        }
        Budgets.Budget budget = budgets.current();
        if (budgets.exceeded(budget)) {
            if (!budget.extractiveFallback()) {
                usage.record(new CallRecord("budget", "none", null, request.model(), request.purpose(), false, 0, 0, null,
                        0, CallOutcome.REFUSED, "budget_exceeded", BigDecimal.ZERO, 0));
                throw new ModelException("budget_exceeded", "The monthly language-model budget of this tenant is spent");
            }
            return new Plan(List.of(), CallOutcome.BUDGET_EXTRACTIVE);
        }
        return new Plan(candidates, null);
    }

    /** The same call as a stream (one loop for budget, fallback, retries and PII), collected on this thread. */
    @Override
    public ModelResponse complete(ModelRequest request) {
        Cancellation never = new Cancellation();
        Collected collected = new Collected();
        run(request, false, new SafeHandler(collected, never), never);
        return collected.response();
    }

    @Override
    public ModelStream stream(ModelRequest request, StreamHandler handler) {
        TenantRef tenant = TenantContext.current();
        Cancellation cancellation = new Cancellation();
        SafeHandler safe = new SafeHandler(handler, cancellation);
        Thread.ofVirtual().name("llm-stream").start(() -> TenantContext.runAs(tenant, () -> {
            try {
                run(request, true, safe, cancellation);
            } catch (ModelException e) {
                safe.error(e);
            } catch (RuntimeException e) {
                log.error("Model stream failed unexpectedly", e);
                safe.error(new ModelException("provider_error", "The model call failed unexpectedly", e));
            }
        }));
        return cancellation::cancel;
    }

    /**
     * Asks the providers in order until one answers: {@code streamed} asks them to stream (deltas reach the handler
     * as they come; after the first one there is no fallback), otherwise for the whole answer at once.
     */
    private void run(ModelRequest request, boolean streamed, SafeHandler handler, Cancellation cancellation) {
        long start = System.nanoTime();
        Plan plan = plan(request);
        if (plan.extractive() && !streamed && request.responseSchema() != null) {
            throw new ModelException("not_configured", "Structured output needs a configured language model");
        }
        if (plan.extractive()) {
            answerExtractively(request, start, plan.extractiveOutcome(), streamed, handler, cancellation);
            return;
        }
        ModelException last = null;
        for (Candidate candidate : plan.candidates()) {
            if (!breakers.tryAcquire(candidate.key())) {
                last = new ModelException("provider_unavailable", "Provider " + candidate.name() + " is paused after repeated failures");
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                if (cancellation.isCancelled()) {
                    breakers.release(candidate.key());
                    handler.error(cancelled());
                    return;
                }
                long attemptStart = System.nanoTime();
                PiiShield.Masked masked = candidate.piiProtection() ? pii.mask(request.messages()) : null;
                StreamingRestorer restorer = masked == null ? null : masked.restorer();
                ProviderCall call = new ProviderCall(masked == null ? request.messages() : masked.messages(),
                        candidate.model(), request.temperature(), request.maxTokens(), request.responseSchema(), request.tools());
                AtomicBoolean started = new AtomicBoolean();
                long[] firstToken = {0};
                Consumer<String> onDelta = delta -> {
                    if (delta.isEmpty()) {
                        return;
                    }
                    if (started.compareAndSet(false, true)) {
                        firstToken[0] = System.nanoTime();
                        handler.start(candidate.name(), candidate.model());
                    }
                    String out = restorer == null ? delta : restorer.push(delta);
                    if (!out.isEmpty()) {
                        handler.delta(out);
                    }
                };
                try {
                    ProviderResult result = streamed
                            ? candidate.provider().stream(call, onDelta, (index, id, name, argumentsDelta) -> {
                                if (started.compareAndSet(false, true)) {
                                    firstToken[0] = System.nanoTime();
                                    handler.start(candidate.name(), candidate.model());
                                }
                                handler.toolCallDelta(index, id, name, argumentsDelta);
                            }, cancellation)
                            : candidate.provider().complete(call);
                    if (cancellation.isCancelled()) {
                        throw cancelled();
                    }
                    if (started.compareAndSet(false, true)) {
                        firstToken[0] = System.nanoTime();
                        handler.start(candidate.name(), candidate.model());
                    }
                    if (restorer != null && streamed) {
                        String tail = restorer.finish();
                        if (!tail.isEmpty()) {
                            handler.delta(tail);
                        }
                    }
                    breakers.success(candidate.key());
                    long latency = millisSince(attemptStart);
                    Long ttft = streamed ? (firstToken[0] - attemptStart) / 1_000_000 : null;
                    String model = result.model() == null ? candidate.model() : result.model();
                    record(candidate, model, request, streamed, result, latency, ttft, CallOutcome.OK, null, masked);
                    String text = masked == null ? result.text() : masked.restore(result.text());
                    handler.complete(new ModelResponse(text, candidate.name(), model,
                            new TokenUsage(result.inputTokens(), result.outputTokens()), result.finishReason(),
                            millisSince(start), streamed ? (firstToken[0] - start) / 1_000_000 : null,
                            restored(result.toolCalls(), masked)));
                    return;
                } catch (ModelException e) {
                    boolean wasCancelled = cancellation.isCancelled();
                    ModelException error = wasCancelled ? cancelled() : e;
                    if (wasCancelled) {
                        breakers.release(candidate.key());
                    }
                    record(candidate, candidate.model(), request, streamed, null, millisSince(attemptStart),
                            started.get() ? (firstToken[0] - attemptStart) / 1_000_000 : null,
                            wasCancelled ? CallOutcome.CANCELLED : CallOutcome.ERROR, error.code(), masked);
                    if (wasCancelled) {
                        handler.error(error);
                        return;
                    }
                    if (started.get()) {
                        breakers.failure(candidate.key());
                        handler.error(error); // after the first token there is no going back
                        return;
                    }
                    last = error;
                    Duration wait = retryWait(error, attempt);
                    if (wait == null) {
                        breakers.failure(candidate.key());
                        break;
                    }
                    sleep(wait);
                }
            }
        }
        handler.error(last != null ? last : new ModelException("provider_unavailable", "No language model is available"));
    }

    @Override
    public boolean modelAvailable() {
        if (catalog.candidates(null).isEmpty()) {
            return false;
        }
        return !budgets.exceeded(budgets.current());
    }

    /** The model saw placeholders for personal data; the tools it calls get the real values back. */
    private static List<ToolCall> restored(List<ToolCall> calls, PiiShield.Masked masked) {
        if (masked == null || calls.isEmpty()) {
            return calls;
        }
        return calls.stream().map(c -> new ToolCall(c.id(), c.name(), c.arguments() == null ? null : masked.restore(c.arguments()))).toList();
    }

    private void answerExtractively(ModelRequest request, long start, CallOutcome outcome, boolean streamed,
            SafeHandler handler, Cancellation cancellation) {
        ExtractiveAnswerer.Answer answer = extractive.answer(request.grounding());
        Long ttft = null;
        handler.start(ExtractiveAnswerer.NAME, ExtractiveAnswerer.NAME);
        if (streamed) {
            boolean first = true;
            // a no-answer is not streamed: the caller words it (language, contact, pages that may help)
            for (String delta : answer.noAnswer() ? List.<String>of() : ExtractiveAnswerer.deltas(answer.text())) {
                if (cancellation.isCancelled()) {
                    handler.error(cancelled());
                    return;
                }
                handler.delta(delta);
                if (first) {
                    ttft = millisSince(start);
                    first = false;
                }
            }
        }
        long latency = millisSince(start);
        usage.record(new CallRecord(ExtractiveAnswerer.NAME, ExtractiveAnswerer.NAME, null, ExtractiveAnswerer.NAME,
                request.purpose(), streamed, 0, 0, ttft, latency, outcome, null, BigDecimal.ZERO, 0));
        ModelResponse response = new ModelResponse(answer.text(), ExtractiveAnswerer.NAME, ExtractiveAnswerer.NAME,
                TokenUsage.NONE, answer.finishReason(), latency, ttft);
        handler.complete(response);
    }

    private void record(Candidate candidate, String model, ModelRequest request, boolean streamed, ProviderResult result,
            long latencyMs, Long ttftMs, CallOutcome outcome, String errorCode, PiiShield.Masked masked) {
        int in = result == null ? 0 : result.inputTokens();
        int out = result == null ? 0 : result.outputTokens();
        usage.record(new CallRecord(candidate.name(), candidate.type(), candidate.providerId(), model, request.purpose(),
                streamed, in, out, ttftMs, latencyMs, outcome, errorCode, cost(model, candidate.model(), in, out),
                masked == null ? 0 : masked.count()));
    }

    /** Priced by the model the provider reported (Azure: the real model), else by the configured name. */
    private BigDecimal cost(String reported, String configured, int in, int out) {
        BigDecimal cost = prices.cost(reported, in, out);
        return cost.signum() == 0 && configured != null ? prices.cost(configured, in, out) : cost;
    }

    /** How long to wait before retrying the same provider, or null to move on (only 429 is retried). */
    Duration retryWait(ModelException e, int attempt) {
        if (!"rate_limited".equals(e.code()) || attempt >= retry.maxAttempts()) {
            return null;
        }
        Duration wait = e instanceof ProviderException pe && pe.retryAfter() != null ? pe.retryAfter()
                : retry.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10))
                        .plusMillis(ThreadLocalRandom.current().nextLong(50));
        return wait.compareTo(retry.maxWait()) > 0 ? null : wait;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
    }

    private static ModelException cancelled() {
        return new ModelException("cancelled", "The model call was cancelled");
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The terminal event of a call made for {@link #complete}: its response, or its error thrown. */
    private static final class Collected implements StreamHandler {
        private ModelResponse response;
        private ModelException error;

        @Override
        public void onDelta(String text) {
            // the response carries the whole text
        }

        @Override
        public void onComplete(ModelResponse r) {
            response = r;
        }

        @Override
        public void onError(ModelException e) {
            error = e;
        }

        ModelResponse response() {
            if (error != null) {
                throw error;
            }
            return response;
        }
    }

    /**
     * Guards the caller's handler: at most one start, exactly one terminal event, and a handler that throws (a
     * client that went away) cancels the stream instead of breaking the gateway.
     */
    private static final class SafeHandler {
        private final StreamHandler handler;
        private final Cancellation cancellation;
        private final AtomicBoolean started = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();

        SafeHandler(StreamHandler handler, Cancellation cancellation) {
            this.handler = handler;
            this.cancellation = cancellation;
        }

        void start(String provider, String model) {
            if (started.compareAndSet(false, true) && !done.get()) {
                guard(() -> handler.onStart(provider, model));
            }
        }

        void delta(String text) {
            if (!done.get()) {
                guard(() -> handler.onDelta(text));
            }
        }

        void toolCallDelta(int index, String id, String name, String argumentsDelta) {
            if (!done.get()) {
                guard(() -> handler.onToolCallDelta(index, id, name, argumentsDelta));
            }
        }

        void complete(ModelResponse response) {
            if (done.compareAndSet(false, true)) {
                guard(() -> handler.onComplete(response));
            }
        }

        void error(ModelException error) {
            if (done.compareAndSet(false, true)) {
                try {
                    handler.onError(error);
                } catch (RuntimeException e) {
                    log.debug("Stream handler failed on error", e);
                }
            }
        }

        private void guard(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                log.debug("Stream handler failed; cancelling the stream", e);
                cancellation.cancel();
            }
        }
    }
}

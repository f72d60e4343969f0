package de.wattos.llm.internal.spi;

import java.util.List;
import java.util.function.Consumer;

/**
 * One configured model endpoint. Calls block the calling (virtual) thread; the gateway owns threads, routing,
 * retries, PII masking and usage. Failures are {@link ProviderException}s with a stable code.
 */
public interface ModelProvider {

    ProviderResult complete(ProviderCall call);

    /** Streams deltas to {@code onDelta} on the calling thread and returns once the provider finished. */
    ProviderResult stream(ProviderCall call, Consumer<String> onDelta, Cancellation cancellation);

    /** As above, and pieces of streamed function calls to {@code toolDeltas} (adapters without tools ignore it). */
    default ProviderResult stream(ProviderCall call, Consumer<String> onDelta, ToolCallDeltas toolDeltas,
            Cancellation cancellation) {
        return stream(call, onDelta, cancellation);
    }

    /** The models the endpoint offers (used by the provider test endpoint). */
    List<String> listModels();
}

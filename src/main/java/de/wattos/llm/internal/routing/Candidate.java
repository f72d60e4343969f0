package de.wattos.llm.internal.routing;

import de.wattos.llm.internal.spi.ModelProvider;
import java.util.UUID;

/**
 * One provider the gateway may try, with the model to ask for. {@code key} identifies the provider for the circuit
 * breaker ({@code tenant:<id>} or {@code global:<name>}).
 */
public record Candidate(String key, UUID providerId, String name, String type, ModelProvider provider, String model,
        boolean piiProtection) {
}

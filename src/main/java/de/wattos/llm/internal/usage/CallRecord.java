package de.wattos.llm.internal.usage;

import java.math.BigDecimal;
import java.util.UUID;

/** One provider attempt as recorded. Holds no prompt or answer text, so no personal data. */
public record CallRecord(String provider, String providerType, UUID providerId, String model, String purpose,
        boolean streamed, int inputTokens, int outputTokens, Long ttftMs, long latencyMs, CallOutcome outcome,
        String errorCode, BigDecimal costEur, int piiMasked) {
}

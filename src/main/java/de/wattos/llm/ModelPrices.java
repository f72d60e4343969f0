package de.wattos.llm;

import java.math.BigDecimal;

/** What tokens of a model cost, in EUR, at the configured prices ({@code wattos.llm.prices.<model>.*}); unknown models cost 0. */
public interface ModelPrices {

    BigDecimal cost(String model, long inputTokens, long outputTokens);

    /** Whether a price is configured for the model (a cost of 0 then means free, not unknown). */
    boolean priced(String model);
}

package de.wattos.llm.internal.usage;

import de.wattos.llm.ModelPrices;
import de.wattos.llm.internal.LlmProperties;
import de.wattos.llm.internal.LlmProperties.Price;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.stereotype.Component;

/** EUR cost of a call from {@code wattos.llm.prices.<model>.input-per-1k / output-per-1k}; unknown models cost 0. */
@Component
public class Prices implements ModelPrices {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private final LlmProperties properties;

    public Prices(LlmProperties properties) {
        this.properties = properties;
    }

    public BigDecimal cost(String model, int inputTokens, int outputTokens) {
        return cost(model, (long) inputTokens, (long) outputTokens);
    }

    @Override
    public boolean priced(String model) {
        return model != null && properties.prices().containsKey(model);
    }

    @Override
    public BigDecimal cost(String model, long inputTokens, long outputTokens) {
        Price price = model == null ? null : properties.prices().get(model);
        if (price == null) {
            return BigDecimal.ZERO;
        }
        return price.inputPer1k().multiply(BigDecimal.valueOf(inputTokens))
                .add(price.outputPer1k().multiply(BigDecimal.valueOf(outputTokens)))
                .divide(THOUSAND, 6, RoundingMode.HALF_UP);
    }
}

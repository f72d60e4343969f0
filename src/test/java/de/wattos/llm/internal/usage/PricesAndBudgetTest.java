package de.wattos.llm.internal.usage;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.llm.internal.LlmProperties;
import de.wattos.support.BoundProperties;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesAndBudgetTest {

    @Test
    void costsFollowThePriceTablePerThousandTokens() {
        LlmProperties props = BoundProperties.bind("wattos.llm", LlmProperties.class, Map.of(
                "prices.gpt-4o-mini.input-per1k", "0.15", "prices.gpt-4o-mini.output-per1k", "0.60"));
        Prices prices = new Prices(props);
        assertThat(prices.cost("gpt-4o-mini", 2000, 500)).isEqualByComparingTo("0.6");
        assertThat(prices.cost("unbekannt", 2000, 500)).isEqualByComparingTo("0");
        assertThat(prices.cost(null, 1, 1)).isEqualByComparingTo("0");
    }

    @Test
    void aBudgetIsSpentByTokensOrByEuros() {
        Usage.MonthToDate spent = new Usage.MonthToDate(1000, new BigDecimal("4.99"));
        assertThat(new Budgets.Budget(1000L, null, true).exceededBy(spent)).isTrue();
        assertThat(new Budgets.Budget(1001L, null, true).exceededBy(spent)).isFalse();
        assertThat(new Budgets.Budget(null, new BigDecimal("5.00"), true).exceededBy(spent)).isFalse();
        assertThat(new Budgets.Budget(null, new BigDecimal("4.99"), true).exceededBy(spent)).isTrue();
        assertThat(new Budgets.Budget(null, null, true).exceededBy(spent)).isFalse();
    }
}

package de.wattos.agent.internal.budget;

import java.math.BigDecimal;

/**
 * A cap that is spent: {@code scope} {@code tenant} or {@code agent}, {@code period} {@code conversation}, {@code day} or
 * {@code month}; {@code unit} {@code tokens} (the budgets) or {@code eur} (a policy's cost cap per conversation);
 * {@code retryAfterSeconds} until the period starts anew (0 for a conversation, which never does).
 */
public record BudgetExceeded(String scope, String period, String unit, BigDecimal limit, BigDecimal spent,
        long retryAfterSeconds) {

    public static final String TOKENS = "tokens";
    public static final String EUR = "eur";

    public boolean inEur() {
        return EUR.equals(unit);
    }

    /** The bundle key of the problem an API caller gets. */
    public String problemKey() {
        return "agent.problem.budget_exceeded." + scope + "." + period + (inEur() ? ".eur" : "");
    }
}

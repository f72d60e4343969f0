package de.wattos.agent.internal.budget;

/**
 * A cap that is spent: {@code scope} {@code tenant} or {@code agent}, {@code period} {@code conversation}, {@code day} or
 * {@code month}; {@code retryAfterSeconds} until the period starts anew (0 for a conversation, which never does).
 */
public record BudgetExceeded(String scope, String period, long limit, long spent, long retryAfterSeconds) {
}

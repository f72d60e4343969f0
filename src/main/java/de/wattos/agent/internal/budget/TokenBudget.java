package de.wattos.agent.internal.budget;

/** Token caps of a tenant or an agent; null = no cap of that kind. */
public record TokenBudget(Long tokensPerConversation, Long tokensPerDay, Long tokensPerMonth) {

    public static final TokenBudget NONE = new TokenBudget(null, null, null);
}

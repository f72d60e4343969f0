package de.wattos.agent.internal.budget;

import de.wattos.agent.internal.policy.AgentPolicies;
import de.wattos.llm.ModelPrices;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelResponse;
import de.wattos.platform.TenantJdbc;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Cost caps of the agent runtime, in tokens: per tenant and per agent, per conversation, day and month (Europe/Berlin,
 * the municipalities' calendar); and in EUR: the policy's {@code maxCostEurPerConversation} (per agent and conversation,
 * a run without a conversation counts as one), priced by the llm module's {@link ModelPrices} when booked. The run loop
 * and the routing call ask before every model call and book what each call used; crossing a cap is announced once as
 * {@code compliance.budget.reached}.
 */
@Service
public class AgentBudgets {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    /** What a scope spent so far in the current day and month. */
    public record Spent(long today, long month) {
    }

    /** What one model call used: the model that answered (for its price) and its input and output tokens. */
    public record Usage(String model, int inputTokens, int outputTokens) {
        public int tokens() {
            return inputTokens + outputTokens;
        }
    }

    private record Cap(String scope, String period, long limit, long spent, long retryAfterSeconds) {
    }

    private record CostCap(String scope, BigDecimal limit, BigDecimal spent) {
    }

    private final TenantJdbc jdbc;
    private final DomainEvents events;
    private final ModelPrices prices;
    private final AgentPolicies policies;

    public AgentBudgets(TenantJdbc jdbc, DomainEvents events, ModelPrices prices, AgentPolicies policies) {
        this.jdbc = jdbc;
        this.events = events;
        this.prices = prices;
        this.policies = policies;
    }

    /** The cap of an agent ({@code scopeId} = agent id) or of the whole tenant ({@code scopeId} = tenant id). */
    public TokenBudget budget(UUID scopeId) {
        return jdbc.sql("""
                select tokens_per_conversation, tokens_per_day, tokens_per_month from agent_budgets
                where tenant_id = :tenantId and scope_id = :s""").param("s", scopeId)
                .query((rs, i) -> new TokenBudget(rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getObject(3, Long.class)))
                .optional().orElse(TokenBudget.NONE);
    }

    public TokenBudget put(UUID scopeId, TokenBudget budget) {
        jdbc.sql("""
                insert into agent_budgets (tenant_id, scope_id, tokens_per_conversation, tokens_per_day, tokens_per_month)
                values (:tenantId, :s, :c, :d, :m)
                on conflict (tenant_id, scope_id) do update set tokens_per_conversation = excluded.tokens_per_conversation,
                tokens_per_day = excluded.tokens_per_day, tokens_per_month = excluded.tokens_per_month, updated_at = now()""")
                .param("s", scopeId).param("c", budget.tokensPerConversation()).param("d", budget.tokensPerDay())
                .param("m", budget.tokensPerMonth()).update();
        return budget;
    }

    /** Spending of an agent, or of the whole tenant when {@code agentId} is null. */
    public Spent spent(UUID agentId) {
        Instant now = Instant.now();
        return new Spent(sum(agentId, dayStart(now)), sum(agentId, monthStart(now)));
    }

    /** The first spent cap for a model call of this agent in this conversation, if any. */
    public Optional<BudgetExceeded> exceeded(UUID agentId, UUID conversationId) {
        return exceeded(agentId, conversationId, null);
    }

    /**
     * The first spent cap for a model call of this agent in this conversation (or, without one, in this run), if any:
     * the token caps first, then the policy's cost cap in EUR.
     */
    public Optional<BudgetExceeded> exceeded(UUID agentId, UUID conversationId, UUID runId) {
        Optional<BudgetExceeded> tokens = caps(agentId, conversationId).stream().filter(c -> c.spent() >= c.limit()).findFirst()
                .map(c -> new BudgetExceeded(c.scope(), c.period(), BudgetExceeded.TOKENS, BigDecimal.valueOf(c.limit()),
                        BigDecimal.valueOf(c.spent()), c.retryAfterSeconds()));
        if (tokens.isPresent()) {
            return tokens;
        }
        return costCap(agentId, conversationId, runId).filter(c -> c.spent().compareTo(c.limit()) >= 0)
                .map(c -> new BudgetExceeded(c.scope(), "conversation", BudgetExceeded.EUR, c.limit(), c.spent(), 0));
    }

    /**
     * What a model call used: the provider's count, else an estimate from the characters sent and answered (four to a
     * token, at least one); the model is the one that answered.
     */
    public static Usage usage(ModelResponse response, List<ModelMessage> sent) {
        if (response.usage() != null && response.usage().inputTokens() + response.usage().outputTokens() > 0) {
            return new Usage(response.model(), response.usage().inputTokens(), response.usage().outputTokens());
        }
        long in = sent.stream().mapToLong(m -> m.content() == null ? 0 : m.content().length()).sum() / 4;
        long out = (response.text() == null ? 0 : response.text().length()) / 4;
        if (in + out == 0) {
            in = 1;
        }
        return new Usage(response.model(), (int) Math.min(Integer.MAX_VALUE, in), (int) Math.min(Integer.MAX_VALUE, out));
    }

    /** Books a model call's tokens and their cost at the model's price; a cap this call crossed is announced. */
    public void book(UUID agentId, UUID conversationId, UUID runId, Usage usage) {
        int tokens = usage.tokens();
        if (tokens <= 0) {
            return;
        }
        BigDecimal cost = prices.cost(usage.model(), usage.inputTokens(), usage.outputTokens());
        List<Cap> before = caps(agentId, conversationId);
        Optional<CostCap> costBefore = costCap(agentId, conversationId, runId);
        jdbc.sql("""
                insert into agent_token_usage (tenant_id, agent_id, conversation_id, run_id, tokens, model, input_tokens,
                output_tokens, cost_eur) values (:tenantId, :a, :c, :r, :t, :model, :in, :out, :cost)""")
                .param("a", agentId).param("c", conversationId).param("r", runId).param("t", tokens)
                .param("model", usage.model()).param("in", usage.inputTokens()).param("out", usage.outputTokens())
                .param("cost", cost).update();
        for (Cap cap : before) {
            if (cap.spent() < cap.limit() && cap.spent() + tokens >= cap.limit()) {
                Map<String, Object> payload = new HashMap<>();
                payload.put("unit", BudgetExceeded.TOKENS);
                payload.put("limitTokens", cap.limit());
                payload.put("spentTokens", cap.spent() + tokens);
                reached(cap.scope(), cap.period(), agentId, conversationId, runId, payload);
            }
        }
        costBefore.ifPresent(cap -> {
            BigDecimal after = cap.spent().add(cost);
            if (cap.spent().compareTo(cap.limit()) < 0 && after.compareTo(cap.limit()) >= 0) {
                Map<String, Object> payload = new HashMap<>();
                payload.put("unit", BudgetExceeded.EUR);
                payload.put("limitEur", cap.limit().stripTrailingZeros().toPlainString());
                payload.put("spentEur", after.stripTrailingZeros().toPlainString());
                reached(cap.scope(), "conversation", agentId, conversationId, runId, payload);
            }
        });
    }

    private void reached(String scope, String period, UUID agentId, UUID conversationId, UUID runId, Map<String, Object> payload) {
        payload.put("scope", scope);
        payload.put("period", period);
        if (agentId != null) {
            payload.put("agentId", agentId.toString());
        }
        if (conversationId != null) {
            payload.put("conversationId", conversationId.toString());
        }
        if (runId != null) {
            payload.put("runId", runId.toString()); // none for the routing call
        }
        events.publish(DomainEvent.of(EventDomain.COMPLIANCE, "budget.reached",
                DomainEvent.Subject.of(scope.equals("agent") ? "agent" : "tenant", scope.equals("agent") ? agentId : jdbc.tenantId()),
                payload));
    }

    /**
     * The policy's cost cap for this agent in this conversation (without one: in this run; without either: none) and
     * what the agent's model calls there cost so far.
     */
    private Optional<CostCap> costCap(UUID agentId, UUID conversationId, UUID runId) {
        if (conversationId == null && runId == null) {
            return Optional.empty();
        }
        BigDecimal limit = policies.effective(agentId).maxCostEurPerConversation();
        if (limit == null) {
            return Optional.empty();
        }
        String filter = conversationId != null ? " and conversation_id = :id" : " and run_id = :id";
        if (agentId != null) {
            filter += " and agent_id = :a";
        }
        var spec = jdbc.sql("select coalesce(sum(cost_eur), 0) from agent_token_usage where tenant_id = :tenantId" + filter)
                .param("id", conversationId != null ? conversationId : runId);
        if (agentId != null) {
            spec = spec.param("a", agentId);
        }
        return Optional.of(new CostCap(agentId == null ? "tenant" : "agent", limit, spec.query(BigDecimal.class).single()));
    }

    private List<Cap> caps(UUID agentId, UUID conversationId) {
        Instant now = Instant.now();
        List<Cap> caps = new ArrayList<>();
        addCaps(caps, "tenant", budget(jdbc.tenantId()), null, conversationId, now);
        if (agentId != null) {
            addCaps(caps, "agent", budget(agentId), agentId, conversationId, now);
        }
        return caps;
    }

    private void addCaps(List<Cap> caps, String scope, TokenBudget b, UUID agentId, UUID conversationId, Instant now) {
        if (b.tokensPerConversation() != null && conversationId != null) {
            caps.add(new Cap(scope, "conversation", b.tokensPerConversation(), conversationSum(agentId, conversationId), 0));
        }
        if (b.tokensPerDay() != null) {
            Instant start = dayStart(now);
            caps.add(new Cap(scope, "day", b.tokensPerDay(), sum(agentId, start),
                    Duration.between(now, start.atZone(ZONE).plusDays(1).toInstant()).toSeconds() + 1));
        }
        if (b.tokensPerMonth() != null) {
            Instant start = monthStart(now);
            caps.add(new Cap(scope, "month", b.tokensPerMonth(), sum(agentId, start),
                    Duration.between(now, start.atZone(ZONE).plusMonths(1).toInstant()).toSeconds() + 1));
        }
    }

    private long sum(UUID agentId, Instant since) {
        String agentFilter = agentId == null ? "" : " and agent_id = :a";
        var spec = jdbc.sql("select coalesce(sum(tokens), 0) from agent_token_usage where tenant_id = :tenantId"
                + " and booked_at >= :since" + agentFilter).param("since", java.sql.Timestamp.from(since));
        if (agentId != null) {
            spec = spec.param("a", agentId);
        }
        return spec.query(Long.class).single();
    }

    private long conversationSum(UUID agentId, UUID conversationId) {
        String agentFilter = agentId == null ? "" : " and agent_id = :a";
        var spec = jdbc.sql("select coalesce(sum(tokens), 0) from agent_token_usage where tenant_id = :tenantId"
                + " and conversation_id = :c" + agentFilter).param("c", conversationId);
        if (agentId != null) {
            spec = spec.param("a", agentId);
        }
        return spec.query(Long.class).single();
    }

    static Instant dayStart(Instant now) {
        return now.atZone(ZONE).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    static Instant monthStart(Instant now) {
        ZonedDateTime z = now.atZone(ZONE).truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfMonth());
        return z.toInstant();
    }
}

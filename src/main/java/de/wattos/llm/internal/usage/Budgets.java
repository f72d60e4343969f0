package de.wattos.llm.internal.usage;

import de.wattos.llm.internal.LlmProperties;
import de.wattos.platform.TenantJdbc;
import java.math.BigDecimal;
import org.springframework.stereotype.Repository;

/** The current tenant's monthly budget ({@code llm_budgets}); no row = unlimited, extractive fallback as configured. */
@Repository
public class Budgets {

    private final TenantJdbc jdbc;
    private final Usage usage;
    private final boolean extractiveFallbackDefault;

    public Budgets(TenantJdbc jdbc, Usage usage, LlmProperties properties) {
        this.jdbc = jdbc;
        this.usage = usage;
        this.extractiveFallbackDefault = properties.extractiveWhenBudgetExceeded();
    }

    /** {@code monthlyTokens}/{@code monthlyEur} null = no limit of that kind. */
    public record Budget(Long monthlyTokens, BigDecimal monthlyEur, boolean extractiveFallback) {
        public boolean exceededBy(Usage.MonthToDate spent) {
            return (monthlyTokens != null && spent.tokens() >= monthlyTokens)
                    || (monthlyEur != null && spent.costEur().compareTo(monthlyEur) >= 0);
        }
    }

    public Budget current() {
        return jdbc.sql("select monthly_tokens, monthly_eur, extractive_fallback from llm_budgets where tenant_id = :tenantId")
                .query((rs, i) -> new Budget((Long) rs.getObject(1, Long.class), rs.getBigDecimal(2), rs.getBoolean(3)))
                .optional().orElseGet(() -> new Budget(null, null, extractiveFallbackDefault));
    }

    public void save(Budget budget) {
        jdbc.sql("""
                insert into llm_budgets (tenant_id, monthly_tokens, monthly_eur, extractive_fallback, updated_at)
                values (:tenantId, :tokens, :eur, :fallback, now())
                on conflict (tenant_id) do update set monthly_tokens = excluded.monthly_tokens,
                    monthly_eur = excluded.monthly_eur, extractive_fallback = excluded.extractive_fallback, updated_at = now()""")
                .param("tokens", budget.monthlyTokens()).param("eur", budget.monthlyEur())
                .param("fallback", budget.extractiveFallback()).update();
    }

    /** Whether this month's spending reached the budget. */
    public boolean exceeded(Budget budget) {
        if (budget.monthlyTokens() == null && budget.monthlyEur() == null) {
            return false;
        }
        return budget.exceededBy(usage.monthToDate());
    }
}

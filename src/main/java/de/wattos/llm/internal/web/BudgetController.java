package de.wattos.llm.internal.web;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.llm.internal.usage.Budgets;
import de.wattos.llm.internal.usage.Usage;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's monthly model budget (tokens and/or EUR; null = no limit of that kind) and what happens once it is
 * spent: the extractive answerer answers ({@code extractiveFallback}, default on) or calls are refused.
 */
@RestController
class BudgetController {

    record BudgetRequest(@Min(0) @Max(1_000_000_000_000L) Long monthlyTokens,
            @DecimalMin("0") @DecimalMax("100000000") @Digits(integer = 9, fraction = 4) BigDecimal monthlyEur,
            Boolean extractiveFallback) {
    }

    record BudgetView(Long monthlyTokens, BigDecimal monthlyEur, boolean extractiveFallback, long spentTokens,
            BigDecimal spentEur, boolean exceeded) {
    }

    private final Budgets budgets;
    private final Usage usage;
    private final DomainEvents bus;

    BudgetController(Budgets budgets, Usage usage, DomainEvents bus) {
        this.budgets = budgets;
        this.usage = usage;
        this.bus = bus;
    }

    @GetMapping("/api/v1/tenants/{tenant}/llm/budget")
    BudgetView get(@PathVariable String tenant) {
        return view(budgets.current());
    }

    @PutMapping("/api/v1/tenants/{tenant}/llm/budget")
    @TenantRole(Role.TENANT_ADMIN)
    BudgetView put(@PathVariable String tenant, @Valid @RequestBody BudgetRequest request) {
        Budgets.Budget budget = new Budgets.Budget(request.monthlyTokens(), request.monthlyEur(),
                request.extractiveFallback() == null || request.extractiveFallback());
        budgets.save(budget);
        Map<String, Object> details = new HashMap<>();
        details.put("monthlyTokens", budget.monthlyTokens());
        details.put("monthlyEur", budget.monthlyEur());
        details.put("extractiveFallback", budget.extractiveFallback());
        details.values().removeIf(v -> v == null);
        bus.publish(DomainEvent.of(EventDomain.PLATFORM, "llm_budget.updated", DomainEvent.Subject.of("llm_budget", TenantContext.currentId()),
                details));
        return view(budget);
    }

    private BudgetView view(Budgets.Budget b) {
        Usage.MonthToDate spent = usage.monthToDate();
        return new BudgetView(b.monthlyTokens(), b.monthlyEur(), b.extractiveFallback(), spent.tokens(),
                spent.costEur().stripTrailingZeros(), b.exceededBy(spent));
    }
}

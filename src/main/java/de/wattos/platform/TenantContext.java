package de.wattos.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The one place where the current tenant lives. Web requests under {@code /api/v1/tenants/{tenant}/…} are bound
 * centrally (after authentication and the membership check) before any controller runs; background jobs bind
 * the tenant they work for with {@link #callAs}. Tenant data is only read through {@link TenantJdbc}, which takes
 * the tenant from here, so no controller or repository ever filters by a tenant id it got from the request.
 */
public final class TenantContext {

    private static final ScopedValue<TenantRef> CURRENT = ScopedValue.newInstance();

    private TenantContext() {
    }

    /** The bound tenant; fails loudly (a programming error, never user input) when none is bound. */
    public static TenantRef current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("No tenant bound: tenant data accessed outside a tenant scope");
        }
        return CURRENT.get();
    }

    public static UUID currentId() {
        return current().id();
    }

    public static Optional<TenantRef> find() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    public static <T, X extends Throwable> T callAs(TenantRef tenant, ScopedValue.CallableOp<T, X> op) throws X {
        return ScopedValue.where(CURRENT, tenant).call(op);
    }

    public static void runAs(TenantRef tenant, Runnable op) {
        ScopedValue.where(CURRENT, tenant).run(op);
    }

    /** Wraps a task so that it runs in the given tenant's scope on whatever thread executes it. */
    public static <T> Callable<T> bind(TenantRef tenant, Callable<T> task) {
        return () -> ScopedValue.where(CURRENT, tenant).call(task::call);
    }
}

package de.wattos.llm;

/** The context windows of the language models the current tenant's calls may use. Tenant from {@code TenantContext}. */
public interface ModelContextWindows {

    /**
     * The smallest window among the models the gateway may route the tenant's calls to (each provider's default
     * model); the default window when no model is configured or a model is unknown.
     */
    ContextWindow smallest();

    /** The window of one model by name (configured, known family, or the default). */
    ContextWindow of(String model);
}

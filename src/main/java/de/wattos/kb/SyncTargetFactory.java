package de.wattos.kb;

/**
 * The SPI of sync targets, shaped like the model providers' factories: one factory per {@code type} reads a tenant's
 * target configuration and creates the target. A module adds a type by declaring a factory bean.
 */
public interface SyncTargetFactory {

    /** The {@code type} a tenant's target names: {@code webhook}, {@code file-export}, {@code f13} … */
    String type();

    /** Whether the target needs a secret (signing key, client secret). */
    boolean needsSecret();

    /** Whether the target needs a URL. */
    boolean needsUrl();

    /** Refuses an unusable configuration with a reason (field name first), before anything is stored. */
    default void validate(SyncTargetConfig config) throws IllegalArgumentException {
    }

    SyncTarget create(SyncTargetConfig config);

    /**
     * Tests the connection as the console's "test connection" does: by default an empty batch, delivered like a real
     * one (reachability, authentication, signature), which a receiver accepts without any effect.
     */
    default void probe(SyncTargetConfig config) throws SyncTarget.SyncFailure {
        create(config).deliver(java.util.List.of());
    }
}

package de.wattos.audit;

/**
 * The append-only, hash-chained audit trail. Every administrative and knowledge action records an entry;
 * recording never throws to the caller's business logic for a well-formed entry.
 */
public interface AuditLog {

    void record(AuditEntry entry);
}

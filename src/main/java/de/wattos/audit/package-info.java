/**
 * Append-only, hash-chained audit trail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package de.wattos.audit;

/**
 * Shared kernel: ids, tenant context, tenant-scoped SQL, problem+json errors, request ids.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package de.wattos.platform;

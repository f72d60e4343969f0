/**
 * Tenants, users, roles, login and tokens, API keys, tenant settings.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package de.wattos.tenancy;

/**
 * Tenant profile, characters (versioned), personas (target groups) with quality scores, agent generation,
 * validation and publishing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Character")
package de.wattos.character;

/**
 * F13, the public-sector AI platform of Baden-Württemberg: its Keycloak client-credentials tokens, F13 as a language
 * model of the gateway (provider type {@code f13}) and F13 as a sync
 * target of approved knowledge.
 */
@org.springframework.modulith.ApplicationModule(displayName = "F13")
package de.wattos.f13;

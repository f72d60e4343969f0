/**
 * F13, the public-sector AI platform of Baden-Württemberg: its Keycloak client-credentials tokens, F13 as a language
 * model of the gateway (provider type {@code f13}), F13 as a sync target of approved knowledge, and F13's retrieval
 * as an external knowledge source of chat (its passages after the tenant's own hits, cited as F13).
 */
@org.springframework.modulith.ApplicationModule(displayName = "F13")
package de.wattos.f13;

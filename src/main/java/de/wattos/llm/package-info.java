/**
 * Language-model gateway: provider SPI, adapters, routing, fallback, usage, budgets, PII protection.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Llm")
package de.wattos.llm;

/**
 * Agents that act: tool SPI and registry, the run loop with function calling, approvals, human handoff, policies
 * and routing between the character module's published agents.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agent")
package de.wattos.agent;

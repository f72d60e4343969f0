/**
 * WattOS for other systems (F13 and any OpenAI client): an OpenAI-compatible {@code /v1} endpoint that answers from
 * the caller's tenant knowledge with sources.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Interop")
package de.wattos.interop;

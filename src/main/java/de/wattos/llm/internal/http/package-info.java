/** The HTTP base of the adapters (sending, deadlines, cancellation, status mapping), shared with adapters in other modules. */
@org.springframework.modulith.NamedInterface("http")
package de.wattos.llm.internal.http;

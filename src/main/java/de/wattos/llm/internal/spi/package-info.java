/**
 * The provider SPI: factories and providers. Named so that a module owning an outside platform (F13) can add an
 * adapter of its own without reaching into the gateway's internals.
 */
@org.springframework.modulith.NamedInterface("spi")
package de.wattos.llm.internal.spi;

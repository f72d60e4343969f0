/**
 * The event bus: one envelope ({@link DomainEvent}) for everything modules tell each other, topics
 * {@code domain.type}, subscriptions by topic pattern ({@link TopicPattern}), and the transport seam
 * ({@link EventTransport}) that production mode can back with Redis. See {@code docs/events.md}.
 */
@org.springframework.modulith.NamedInterface("events")
package de.wattos.platform.events;

package de.wattos.platform.events;

/**
 * Publishing on the event bus. Publication is durable: it joins the caller's transaction (or opens one), so the
 * event is stored with the change that caused it, and every listener ({@code @ApplicationModuleListener} for a
 * record type, or for {@link DomainEvent} with a topic condition) gets it at least once after the commit, even if
 * it failed or the process died first. Listeners must therefore be idempotent.
 *
 * <pre>
 * events.publish(DomainEvent.of(EventDomain.CHANNEL, "widget.updated", Subject.of("widget", id), Map.of("name", name)));
 * events.publish(new SpaceDeleted(tenantId, spaceId));
 * </pre>
 */
public interface DomainEvents {

    void publish(DomainEvent event);

    void publish(ModuleEvent event);
}

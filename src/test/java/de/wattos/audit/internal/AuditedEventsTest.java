package de.wattos.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import de.wattos.audit.AuditEntry;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.EventDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a module event becomes an audit entry. */
class AuditedEventsTest {

    @Test
    void anEventWithAnEmptyDetailIsStillAudited() {
        // document.indexed of an upload without a title: its payload holds a null, which once made every such
        // entry fail (and the publication retry forever)
        Map<String, Object> payload = new HashMap<>();
        payload.put("title", null);
        payload.put("chunks", 3);
        payload.put("outcome", "NEW");
        DomainEvent event = DomainEvent.of(UUID.randomUUID(), EventDomain.KNOWLEDGE, "document.indexed",
                DomainEvent.Subject.of("document", UUID.randomUUID()), payload);

        AuditEntry entry = AuditedEvents.entry(event);

        assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
        assertThat(entry.details()).containsEntry("chunks", 3).containsEntry("outcome", "NEW").doesNotContainKey("title");
    }
}

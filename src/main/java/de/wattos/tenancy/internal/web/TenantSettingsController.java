package de.wattos.tenancy.internal.web;

import de.wattos.platform.ApiException;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRole;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.TenantSettings;
import de.wattos.tenancy.internal.JdbcTenants;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The typed tenant settings (contact, the assistant's tone and refused topics): members read them, tenant admins
 * change them. PUT replaces the whole resource.
 */
@RestController
class TenantSettingsController {

    record ContactBody(
            @Email @Size(max = 254) String email,
            @Size(max = 40) @Pattern(regexp = "^\\s*\\+?[0-9 ()/.\\-]{3,40}\\s*$", message = "digits, spaces and + ( ) / - . only")
            String phone,
            @Size(max = 500) String url,
            @Size(max = 200) String hours) {
    }

    /**
     * PUT replaces the whole resource: what is left out is cleared. {@code tone} is a short phrase put into the
     * assistant's instructions ("freundlich, sachlich und in einfacher Sprache"); {@code refusedTopics} are the
     * subjects it declines to talk about.
     */
    record SettingsBody(@Valid ContactBody contact, @Size(max = 300) String tone,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> refusedTopics) {
    }

    private final JdbcTenants tenants;
    private final DomainEvents bus;

    TenantSettingsController(JdbcTenants tenants, DomainEvents bus) {
        this.tenants = tenants;
        this.bus = bus;
    }

    @GetMapping("/api/v1/tenants/{tenant}/settings")
    TenantSettings get(@PathVariable String tenant) {
        return tenants.tenantSettings(current());
    }

    @PutMapping("/api/v1/tenants/{tenant}/settings")
    @TenantRole(Role.TENANT_ADMIN)
    TenantSettings put(@PathVariable String tenant, @Valid @RequestBody SettingsBody body) {
        UUID id = current();
        ContactBody c = body.contact();
        TenantContact contact = c == null ? TenantContact.NONE
                : new TenantContact(c.email(), c.phone() == null ? null : c.phone().strip(), httpUrl(c.url()), c.hours());
        String tone = body.tone() == null || body.tone().isBlank() ? null : body.tone().strip();
        List<String> topics = body.refusedTopics() == null ? List.of()
                : body.refusedTopics().stream().map(String::strip).distinct().toList();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(TenantSettings.CONTACT_KEY, contact.isEmpty() ? null : stored(contact));
        values.put(TenantSettings.TONE_KEY, tone);
        values.put(TenantSettings.REFUSED_TOPICS_KEY, topics.isEmpty() ? null : topics);
        TenantSettings before = tenants.tenantSettings(id);
        if (!tenants.putSettings(id, values)) {
            throw ApiException.notFound("Tenant");
        }
        TenantSettings after = tenants.tenantSettings(id);
        bus.publish(DomainEvent.of(id, EventDomain.PLATFORM, "tenant.settings.updated", DomainEvent.Subject.of("tenant", id),
                Map.of("contactFields", present(contact), "changed", changed(before, after),
                        "refusedTopics", after.refusedTopics())));
        return after;
    }

    private UUID current() {
        UUID id = TenantContext.currentId();
        if (tenants.find(id).isEmpty()) {
            throw ApiException.notFound("Tenant");
        }
        return id;
    }

    /** Citizens get this link in answers, so only absolute http(s) URLs with a host. */
    private static String httpUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // falls through to the field error
        }
        throw ApiException.invalidField("contact.url", "an absolute http or https URL");
    }

    private static Map<String, String> stored(TenantContact contact) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "email", contact.email());
        put(out, "phone", contact.phone());
        put(out, "url", contact.url());
        put(out, "hours", contact.hours());
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    /** Which parts a PUT changed, so the audit log tells a tone change from a re-saved contact. */
    private static List<String> changed(TenantSettings before, TenantSettings after) {
        List<String> out = new ArrayList<>();
        if (!before.contact().equals(after.contact())) {
            out.add(TenantSettings.CONTACT_KEY);
        }
        if (!Objects.equals(before.tone(), after.tone())) {
            out.add(TenantSettings.TONE_KEY);
        }
        if (!before.refusedTopics().equals(after.refusedTopics())) {
            out.add(TenantSettings.REFUSED_TOPICS_KEY);
        }
        return out;
    }

    private static List<String> present(TenantContact contact) {
        return new ArrayList<>(stored(contact).keySet());
    }
}

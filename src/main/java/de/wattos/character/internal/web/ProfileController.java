package de.wattos.character.internal.web;

import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.character.internal.ProfileService;
import de.wattos.character.internal.TenantProfile;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant profile: {@code GET/PUT /api/v1/tenants/{tenant}/profile}. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/profile")
class ProfileController {

    private final ProfileService profiles;
    private final DomainEvents bus;

    ProfileController(ProfileService profiles, DomainEvents bus) {
        this.profiles = profiles;
        this.bus = bus;
    }

    record ProfileRequest(String organisationName, String organisationType, String region, TenantProfile.Contact contact,
            List<String> mainTopics, List<String> languages) {
    }

    @GetMapping
    TenantProfile get() {
        return profiles.current();
    }

    @PutMapping
    TenantProfile put(@RequestBody ProfileRequest r) {
        if (r == null) {
            throw ApiException.badRequest("validation_failed", "A profile is required");
        }
        check("organisationName", r.organisationName(), 200);
        check("organisationType", r.organisationType(), 60);
        check("region", r.region(), 200);
        if (r.mainTopics() != null && (r.mainTopics().size() > 30 || r.mainTopics().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 100))) {
            throw ApiException.invalidField("mainTopics", "at most 30 topics of 1–100 characters");
        }
        if (r.languages() != null && r.languages().stream().anyMatch(l -> l == null || !l.matches("[a-z]{2}(-[a-zA-Z0-9-]{1,30})?"))) {
            throw ApiException.invalidField("languages", "language codes such as de, en");
        }
        if (r.contact() != null) {
            check("contact.email", r.contact().email(), 200);
            check("contact.phone", r.contact().phone(), 60);
            check("contact.url", r.contact().url(), 500);
            check("contact.address", r.contact().address(), 300);
            check("contact.hours", r.contact().hours(), 300);
        }
        TenantProfile saved = profiles.edit(new TenantProfile(r.organisationName(), r.organisationType(), r.region(),
                r.contact(), r.mainTopics(), r.languages(), List.of(), null, null));
        bus.publish(DomainEvent.of(EventDomain.CHARACTER, "profile.updated", DomainEvent.Subject.of("profile", TenantContext.currentId()),
                Map.of("organisationName", String.valueOf(saved.organisationName()))));
        return saved;
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalidField(field, "at most " + max + " characters");
        }
    }
}

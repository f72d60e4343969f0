package de.wattos.character.internal;

import de.wattos.knowledge.KnowledgeContent;
import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantContact;
import de.wattos.tenancy.Tenants;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The current tenant's profile: the stored one, or derived from its indexed content on first use (and again after
 * content changed, unless someone edited it). The contact in the tenant's settings ({@code Tenants.tenantSettings},
 * the source of truth) wins over a derived or edited one, part by part.
 */
@Service
public class ProfileService {

    static final int MAX_CHUNKS = 20_000;

    private final Profiles profiles;
    private final KnowledgeContent content;
    private final Tenants tenants;

    ProfileService(Profiles profiles, KnowledgeContent content, Tenants tenants) {
        this.profiles = profiles;
        this.content = content;
        this.tenants = tenants;
    }

    public TenantProfile current() {
        TenantProfile profile = profiles.find().orElseGet(this::deriveAndStore);
        return withSettingsContact(profile);
    }

    TenantProfile derive() {
        List<KnowledgeContent.ContentChunk> chunks = content.chunks(List.of(), MAX_CHUNKS);
        if (chunks.isEmpty()) {
            return TenantProfile.empty();
        }
        return ProfileDerivation.derive(chunks, content::terms);
    }

    private TenantProfile deriveAndStore() {
        TenantProfile derived = derive();
        if (derived.source() == ProfileSource.DERIVED) {
            profiles.save(derived);
        }
        return derived;
    }

    public TenantProfile edit(TenantProfile edited) {
        TenantProfile saved = new TenantProfile(edited.organisationName(), edited.organisationType(), edited.region(),
                edited.contact(), edited.mainTopics(), edited.languages().isEmpty() ? List.of("de") : edited.languages(),
                edited.evidence(), ProfileSource.EDITED, Instant.now());
        profiles.save(saved);
        return withSettingsContact(saved);
    }

    void contentChanged() {
        profiles.forgetDerived();
    }

    /** The tenant's own contact settings (e-mail, phone, url, hours) override what was derived, field by field. */
    private TenantProfile withSettingsContact(TenantProfile profile) {
        TenantContact c = tenants.tenantSettings(TenantContext.currentId()).contact();
        if (c.isEmpty()) {
            return profile;
        }
        TenantProfile.Contact p = profile.contact();
        return profile.withContact(new TenantProfile.Contact(or(c.email(), p.email()), or(c.phone(), p.phone()),
                or(c.url(), p.url()), p.address(), or(c.hours(), p.hours())));
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}

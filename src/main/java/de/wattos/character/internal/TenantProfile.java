package de.wattos.character.internal;

import java.time.Instant;
import java.util.List;

/**
 * Who the tenant is, derived from its crawled content and editable: organisation name and type (Gemeinde, Stadt,
 * Landkreis, Schule, Unternehmen …), region, contact, main topics, languages. {@code evidence} names the pages
 * the derivation read the organisation and contact from.
 */
public record TenantProfile(String organisationName, String organisationType, String region, Contact contact,
        List<String> mainTopics, List<String> languages, List<String> evidence, ProfileSource source,
        Instant updatedAt) {

    public TenantProfile {
        mainTopics = mainTopics == null ? List.of() : List.copyOf(mainTopics);
        languages = languages == null ? List.of() : List.copyOf(languages);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        contact = contact == null ? new Contact(null, null, null, null, null) : contact;
    }

    public record Contact(String email, String phone, String url, String address, String hours) {

        CharacterSpec.Contact forCharacter() {
            return new CharacterSpec.Contact(email, phone, url, hours);
        }

        boolean isEmpty() {
            return email == null && phone == null && url == null && address == null && hours == null;
        }
    }

    public static TenantProfile empty() {
        return new TenantProfile(null, null, null, null, List.of(), List.of("de"), List.of(), ProfileSource.DEFAULT, null);
    }

    TenantProfile withContact(Contact c) {
        return new TenantProfile(organisationName, organisationType, region, c, mainTopics, languages, evidence, source, updatedAt);
    }
}

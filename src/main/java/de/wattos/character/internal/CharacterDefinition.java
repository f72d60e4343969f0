package de.wattos.character.internal;

import de.wattos.platform.TenantContext;
import de.wattos.tenancy.TenantInfo;
import de.wattos.tenancy.Tenants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Turns one or two sentences into a proposed character: what the prompt says (read by a model with structured
 * output when one is configured, by {@link PromptReading} otherwise), the rest from the tenant profile and
 * defaults, each field labelled with where it came from, plus warnings for what a person should check.
 */
@Service
public class CharacterDefinition {

    public static final int MAX_PROMPT = 2000;
    static final String DEFAULT_NAME = "Digitaler Assistent";

    /** Where a field's value came from. */
    enum Provenance {
        PROMPT("prompt"), TENANT_PROFILE("tenant_profile"), DEFAULT("default");

        final String wire;

        Provenance(String wire) {
            this.wire = wire;
        }
    }

    public record Warning(String code, String message) {
    }

    public record Proposal(CharacterSpec character, Map<String, String> provenance, List<Warning> warnings, String readBy) {
    }

    private final ProfileService profiles;
    private final Tenants tenants;
    private final ModelCharacterReader modelReader;
    private final Texts texts;

    CharacterDefinition(ProfileService profiles, Tenants tenants, ModelCharacterReader modelReader, Texts texts) {
        this.profiles = profiles;
        this.tenants = tenants;
        this.modelReader = modelReader;
        this.texts = texts;
    }

    public Proposal define(String prompt, String language) {
        TenantProfile profile = profiles.current();
        List<Warning> warnings = new ArrayList<>();
        ModelCharacterReader.Outcome outcome = modelReader.read(prompt, language, profile);
        PromptReading.Read read;
        String readBy;
        if (outcome.read() != null) {
            read = outcome.read();
            readBy = "model:" + outcome.model();
        } else {
            read = PromptReading.read(prompt);
            readBy = "rules";
            if (outcome.unavailable()) {
                warnings.add(warning("model_unavailable"));
            }
            if (language != null && !language.toLowerCase(Locale.ROOT).startsWith("de")) {
                warnings.add(warning("offline_german", language));
            }
        }
        String tenantName = tenants.find(TenantContext.currentId()).map(TenantInfo::name).orElse(null);
        return compose(read, profile, tenantName, warnings, readBy);
    }

    /** The default character of a tenant that never defined one: its former assistant settings, then the profile. */
    CharacterSpec fromSettings(Map<String, Object> settings, TenantProfile profile, String tenantName) {
        PromptReading.Read empty = new PromptReading.Read(null, null, null, null, null, null, null, List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null, null, null);
        Map<String, ?> assistant = settings.get("assistant") instanceof Map<?, ?> m ? cast(m) : Map.of();
        String name = text(settings.get("assistantName"), assistant.get("name"));
        String organisation = text(settings.get("organizationName"), settings.get("organisation"), settings.get("organization"));
        String toneText = text(settings.get("tone"), assistant.get("tone"), settings.get("assistantTone"));
        Object refused = first(settings.get("refusedTopics"), assistant.get("refusedTopics"), settings.get("blockedTopics"));
        List<String> refusedTopics = new ArrayList<>();
        if (refused instanceof List<?> l) {
            l.forEach(x -> refusedTopics.add(String.valueOf(x).strip()));
        } else if (refused instanceof String s) {
            for (String t : s.split("[,;\\n]")) {
                if (!t.isBlank()) {
                    refusedTopics.add(t.strip());
                }
            }
        }
        Tone tone = toneText == null ? null : PromptReading.read(toneText).tone();
        PromptReading.Read fromSettings = new PromptReading.Read(name, null, organisation, null, null, tone, null,
                List.of(), toneText == null || tone != null ? List.of() : List.of(toneText), List.of(), List.of(), refusedTopics,
                null, null, null, null);
        return compose(name == null && organisation == null && tone == null && refusedTopics.isEmpty() ? empty : fromSettings,
                profile, tenantName, new ArrayList<>(), "settings").character();
    }

    private Proposal compose(PromptReading.Read r, TenantProfile profile, String tenantName, List<Warning> warnings,
            String readBy) {
        Map<String, String> provenance = new LinkedHashMap<>();
        String name = pick("name", r.name(), null, DEFAULT_NAME, provenance);
        if (r.name() == null) {
            warnings.add(warning("no_name", DEFAULT_NAME));
        }
        boolean female = r.role() != null && r.role().toLowerCase(Locale.GERMAN).matches(".*(in|lotsin)$");
        String role = pick("role", r.role(), null, "digitaler Assistent", provenance);
        String organisation = pick("organisation", r.organisation(),
                profile.organisationName() != null ? profile.organisationName() : tenantName, null, provenance);
        if (r.organisation() == null && organisation != null) {
            warnings.add(warning("organisation_from_profile", organisation));
        } else if (organisation == null) {
            warnings.add(warning("no_organisation"));
        }
        String organisationType = r.organisationType() != null ? r.organisationType() : profile.organisationType();
        String audience = pick("audience", r.audience(), null, defaultAudience(organisationType), provenance);
        Tone tone = pick("tone", r.tone(), null, Tone.FRIENDLY, provenance);
        if (r.tone() == null) {
            warnings.add(warning("no_tone"));
        }
        Address address = pick("address", r.address(), null, Address.SIE, provenance);
        if (r.address() == null) {
            warnings.add(warning("no_address"));
        }
        List<String> languages = pickList("languages", r.languages(),
                profile.languages().isEmpty() ? null : profile.languages(), List.of("de"), provenance);
        List<String> traits = pickList("traits", r.traits(), null, List.of("hilfsbereit", "geduldig"), provenance);
        List<String> topics = pickList("topics", r.topics(), profile.mainTopics().isEmpty() ? null
                : profile.mainTopics().subList(0, Math.min(5, profile.mainTopics().size())), List.of(), provenance);
        List<String> refused = pickList("refusedTopics", r.refusedTopics(), null, List.of(), provenance);
        for (String t : topics) {
            if (refused.stream().anyMatch(x -> x.equalsIgnoreCase(t))) {
                warnings.add(warning("topic_refused", t));
            }
        }
        List<String> rules = new ArrayList<>(r.rules());
        String source = organisation == null ? "der Organisation" : genitive(organisation);
        rules.add("Antwortet nur auf Grundlage der Quellen " + source + " und nennt sie mit Nummern.");
        rules.add("Erfindet nichts: Geben die Quellen nichts her, " + (address == Address.DU ? "sag" : "sagt")
                + " " + (female ? "sie" : "er") + " das offen.");
        provenance.put("rules", r.rules().isEmpty() ? Provenance.DEFAULT.wire : Provenance.PROMPT.wire);
        CharacterSpec.Contact contact;
        if (r.contact() != null) {
            contact = r.contact();
            provenance.put("contact", Provenance.PROMPT.wire);
        } else if (!profile.contact().isEmpty()) {
            contact = profile.contact().forCharacter();
            provenance.put("contact", Provenance.TENANT_PROFILE.wire);
            warnings.add(warning("contact_from_profile"));
        } else {
            contact = null;
            provenance.put("contact", Provenance.DEFAULT.wire);
            warnings.add(warning("no_contact"));
        }
        String contactLine = contact == null ? null : contact.line();
        String greeting = pick("greeting", r.greeting(), null, greeting(name, role, organisation, address, female), provenance);
        String noAnswer = noAnswer(address, contactLine);
        provenance.put("noAnswerText", contactLine != null && !"default".equals(provenance.get("contact"))
                ? provenance.get("contact") : Provenance.DEFAULT.wire);
        provenance.put("refusalText", provenance.get("noAnswerText"));
        String escalation = pick("escalation", r.escalation(), null, contactLine == null
                ? "Verweist bei Anliegen, die eine persönliche Prüfung brauchen, an die zuständige Stelle."
                : "Verweist bei Anliegen, die eine persönliche Prüfung brauchen, an: " + contactLine, provenance);
        CharacterSpec.Voice voice = pick("voice", r.voice(), null,
                new CharacterSpec.Voice("espeak-ng", female ? "de+f3" : "de", 1.0), provenance);
        provenance.put("avatarId", Provenance.DEFAULT.wire);
        CharacterSpec spec = new CharacterSpec(name, role, organisation, audience, tone, address, languages, traits, rules,
                topics, refused, greeting, noAnswer, refusal(address, contactLine), contact, escalation, voice, null);
        return new Proposal(spec, provenance, warnings, readBy);
    }

    static String greeting(String name, String role, String organisation, Address address, boolean female) {
        String who = DEFAULT_NAME.equals(name) ? (female ? "die " : "der ") + role : name + ", " + (female ? "die " : "der ") + role;
        String of = organisation == null ? "" : " " + genitive(organisation);
        return address == Address.DU
                ? "Hallo, ich bin " + who + of + ". Wie kann ich dir helfen?"
                : "Guten Tag, ich bin " + who + of + ". Wie kann ich Ihnen helfen?";
    }

    static String noAnswer(Address address, String contactLine) {
        String base = address == Address.DU
                ? "Dazu habe ich in meinen Quellen leider nichts Gesichertes gefunden."
                : "Dazu habe ich in meinen Quellen leider nichts Gesichertes gefunden.";
        if (contactLine == null) {
            return base + (address == Address.DU ? " Wende dich bitte direkt an die Verwaltung." : " Bitte wenden Sie sich direkt an die Verwaltung.");
        }
        return base + (address == Address.DU ? " Wende dich bitte an: " : " Bitte wenden Sie sich an: ") + contactLine;
    }

    /** What the assistant says to a question on a refused topic, in the character's form of address. */
    static String refusal(Address address, String contactLine) {
        boolean du = address == Address.DU;
        String base = du ? "Zu diesem Thema kann ich dir leider keine Auskunft geben."
                : "Zu diesem Thema kann ich Ihnen leider keine Auskunft geben.";
        if (contactLine == null) {
            return base + (du ? " Wende dich bitte direkt an die Verwaltung." : " Bitte wenden Sie sich direkt an die Verwaltung.");
        }
        return base + (du ? " Wende dich bitte an: " : " Bitte wenden Sie sich an: ") + contactLine;
    }

    /** The refusal text a character says: its own, else the default in its form of address with its contact. */
    static String effectiveRefusal(CharacterSpec c) {
        if (c.refusalText() != null && !c.refusalText().isBlank()) {
            return c.refusalText();
        }
        return refusal(c.address(), c.contact() == null ? null : c.contact().line());
    }

    /** "Gemeinde Bad Boll" → "der Gemeinde Bad Boll"; "Landkreis Göppingen" → "des Landkreises Göppingen". */
    static String genitive(String organisation) {
        String[] parts = organisation.split(" ", 2);
        String head = parts[0];
        String rest = parts.length > 1 ? " " + parts[1] : "";
        return switch (head) {
            case "Landkreis", "Markt", "Bezirk", "Kreis" -> "des " + head + "es" + rest;
            case "Landratsamt", "Klinikum", "Krankenhaus", "Gymnasium", "Amt", "Ministerium", "Museum" -> "des " + head + "s" + rest;
            default -> head.endsWith("amt") ? "des " + head + "s" + rest
                    : organisation.matches(".*\\b(GmbH|AG|KG|SE|eG)$") ? "der " + organisation : "der " + organisation;
        };
    }

    private static String defaultAudience(String organisationType) {
        if (organisationType == null) {
            return "Bürgerinnen und Bürger";
        }
        return switch (organisationType) {
            case "Schule" -> "Schülerinnen, Schüler und Eltern";
            case "Hochschule" -> "Studierende und Studieninteressierte";
            case "Klinik" -> "Patientinnen, Patienten und Angehörige";
            case "Unternehmen" -> "Kundinnen und Kunden";
            default -> "Bürgerinnen und Bürger";
        };
    }

    private static <T> T pick(String field, T fromPrompt, T fromProfile, T fallback, Map<String, String> provenance) {
        if (fromPrompt != null) {
            provenance.put(field, Provenance.PROMPT.wire);
            return fromPrompt;
        }
        if (fromProfile != null) {
            provenance.put(field, Provenance.TENANT_PROFILE.wire);
            return fromProfile;
        }
        provenance.put(field, Provenance.DEFAULT.wire);
        return fallback;
    }

    private static List<String> pickList(String field, List<String> fromPrompt, List<String> fromProfile,
            List<String> fallback, Map<String, String> provenance) {
        return pick(field, fromPrompt == null || fromPrompt.isEmpty() ? null : fromPrompt, fromProfile, fallback, provenance);
    }

    private Warning warning(String code, Object... args) {
        return new Warning(code, texts.get("character.warning." + code, args));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private static Object first(Object... values) {
        for (Object v : values) {
            if (v != null && !(v instanceof String s && s.isBlank())) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object... values) {
        Object v = first(values);
        return v == null ? null : String.valueOf(v).strip();
    }
}

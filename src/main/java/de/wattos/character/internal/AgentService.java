package de.wattos.character.internal;

import de.wattos.character.AgentProfile;
import de.wattos.character.AgentToolDirectory;
import de.wattos.character.Agents;
import de.wattos.knowledge.KnowledgeContent;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.SearchQuery;
import de.wattos.llm.ContextWindow;
import de.wattos.llm.ModelContextWindows;
import de.wattos.platform.Actor;
import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.Role;
import de.wattos.platform.TenantContext;
import de.wattos.platform.events.DomainEvent;
import de.wattos.platform.events.DomainEvents;
import de.wattos.platform.events.EventDomain;
import de.wattos.tenancy.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Agent generation (one per persona), validation, lifecycle with optional four-eyes publishing, and versions. */
@Service
public class AgentService implements Agents {

    /** Tenant setting (boolean) that makes publishing need a TENANT_ADMIN other than the author. */
    public static final String FOUR_EYES_SETTING = "agentFourEyes";
    /** Tenant setting (list of tool names): when set, agents may use only these tools. */
    public static final String ALLOWED_TOOLS_SETTING = "agentTools";
    /** What answering adds around the system prompt: sources, history and the answer itself (chat defaults). */
    static final int ANSWER_RESERVE_TOKENS = 3000 + 1200 + 800;
    static final double MIN_ANSWERABILITY = 0.6;

    private final SavedAgents agents;
    private final PersonaService personas;
    private final CharacterService characters;
    private final KnowledgeContent content;
    private final KnowledgeSearch search;
    private final Tenants tenants;
    private final DomainEvents bus;
    private final Texts texts;
    private final AgentToolDirectory tools;
    private final ModelContextWindows contextWindows;
    private final CharacterTryOuts tryOuts;

    AgentService(SavedAgents agents, PersonaService personas, CharacterService characters, KnowledgeContent content,
            KnowledgeSearch search, Tenants tenants, DomainEvents bus, Texts texts, AgentToolDirectory tools,
            ModelContextWindows contextWindows, CharacterTryOuts tryOuts) {
        this.tryOuts = tryOuts;
        this.texts = texts;
        this.tools = tools;
        this.contextWindows = contextWindows;
        this.agents = agents;
        this.personas = personas;
        this.characters = characters;
        this.content = content;
        this.search = search;
        this.tenants = tenants;
        this.bus = bus;
    }

    @Override
    public Optional<AgentProfile> find(UUID agentId) {
        Optional<AgentProfile> agent = agents.find(agentId).map(a -> new AgentProfile(a.id(), a.agent().name(),
                a.agent().systemPrompt(), a.agent().knowledge().spaceIds(), a.agent().knowledge().topK(),
                a.agent().suggestedQuestions(), a.agent().greeting(), noAnswer(a.agent()), a.agent().refusedTopics(),
                a.status() == AgentStatus.PUBLISHED, refusal(a.agent()),
                characters.findOptional(a.agent().characterId()).map(c -> CharacterService.view(c.spec())).orElse(null),
                a.agent().personaId()));
        return agent.isPresent() ? agent : tryOuts.profile(agentId);
    }

    @Override
    public List<de.wattos.character.AgentScope> publishedScopes() {
        List<de.wattos.character.AgentScope> scopes = new ArrayList<>();
        for (StoredAgent a : agents.published()) {
            AgentSpec spec = a.agent();
            PersonaSpec persona = spec.personaId() == null ? null
                    : personas.findOptional(spec.personaId()).map(StoredPersona::persona).orElse(null);
            List<String> topics = new ArrayList<>(spec.knowledge() == null ? List.of() : spec.knowledge().boostTopics());
            List<String> questions = new ArrayList<>(spec.suggestedQuestions());
            if (persona != null) {
                persona.topics().stream().filter(t -> !topics.contains(t)).forEach(topics::add);
                persona.typicalQuestions().stream().filter(q -> !questions.contains(q)).forEach(questions::add);
            }
            scopes.add(new de.wattos.character.AgentScope(a.id(), spec.name(), persona == null ? null : persona.targetGroup(),
                    persona == null ? null : persona.description(), topics, questions,
                    persona == null ? null : persona.languageLevel().wire()));
        }
        return scopes;
    }

    private String noAnswer(AgentSpec a) {
        return characters.findOptional(a.characterId()).map(c -> c.spec().noAnswerText()).orElse(null);
    }

    private String refusal(AgentSpec a) {
        return characters.findOptional(a.characterId()).map(c -> CharacterDefinition.effectiveRefusal(c.spec())).orElse(null);
    }

    public List<StoredAgent> generate(List<UUID> personaIds, boolean validate) {
        if (personaIds == null || personaIds.isEmpty()) {
            throw ApiException.invalidField("personaIds", "character.field.persona_ids");
        }
        if (personaIds.size() > 20 || personaIds.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.invalidField("personaIds", "character.field.persona_ids");
        }
        List<StoredPersona> found = personaIds.stream().map(personas::find).toList();
        List<StoredAgent> out = new ArrayList<>();
        for (StoredPersona p : found) {
            StoredCharacter c = p.characterId() == null ? characters.defaultCharacter()
                    : characters.findOptional(p.characterId()).orElseGet(characters::defaultCharacter);
            AgentSpec spec = compose(c, p);
            StoredAgent a = agents.create(spec, CurrentActor.get().label());
            record("agent.generated", a, Map.of("personaId", p.id().toString()));
            if (validate) {
                a = validate(a.id());
            }
            out.add(a);
        }
        return out;
    }

    AgentSpec compose(StoredCharacter stored, StoredPersona stored2) {
        CharacterSpec c = stored.spec();
        PersonaSpec p = stored2.persona();
        List<UUID> spaces = personas.jobSpaces(stored2.jobId());
        List<String> tools = new ArrayList<>(List.of("knowledge_search"));
        for (String need : p.needs()) {
            String n = need.toLowerCase(Locale.GERMAN);
            if (n.matches(".*(beantrag|anmeld|antrag|anträge|termin|online|genehmig).*")) {
                add(tools, "service_link");
            }
            if (n.matches(".*(beratung|ansprechpartner|hilfe bei|unterstützung|erreichen).*")) {
                add(tools, "handoff_to_human");
            }
            if (n.matches(".*(öffnungszeit|frist|termin|veranstaltung|verbindung).*")) {
                add(tools, "current_time");
            }
        }
        add(tools, "handoff_to_human");
        // only what the tenant's registry offers: a generated agent never names a tool that does not exist
        java.util.Set<String> available = new java.util.HashSet<>(this.tools.available().stream()
                .map(AgentToolDirectory.AvailableTool::name).toList());
        tools.removeIf(t -> !available.contains(t));
        String name = c.name() + " für " + p.name();
        return new AgentSpec(name, stored.id(), stored2.id(), systemPrompt(c, p),
                new AgentSpec.Knowledge(spaces, 6, Map.of(), p.topics().subList(0, Math.min(5, p.topics().size()))),
                tools, p.typicalQuestions().subList(0, Math.min(5, p.typicalQuestions().size())), c.greeting(),
                c.refusedTopics());
    }

    private static void add(List<String> tools, String id) {
        if (!tools.contains(id)) {
            tools.add(id);
        }
    }

    static String systemPrompt(CharacterSpec c, PersonaSpec p) {
        boolean du = c.address() == Address.DU;
        StringBuilder s = new StringBuilder();
        s.append("Du bist ").append(c.name());
        if (c.role() != null) {
            s.append(", ").append(c.role());
        }
        if (c.organisation() != null) {
            s.append(" ").append(CharacterDefinition.genitive(c.organisation()));
        }
        s.append(".\n");
        s.append("Du sprichst vor allem mit dieser Zielgruppe: ").append(p.name()).append(". ").append(p.description()).append('\n');
        if (!p.needs().isEmpty()) {
            s.append("Ihre Anliegen:\n");
            p.needs().forEach(n -> s.append("- ").append(n).append('\n'));
        }
        if (c.tone() != null) {
            s.append("Ton: ").append(c.tone().german()).append(".\n");
        }
        if (!c.traits().isEmpty()) {
            s.append("Eigenschaften: ").append(String.join(", ", c.traits())).append(".\n");
        }
        s.append(du ? "Duze die Menschen (du, dich, dir).\n" : "Sprich die Menschen mit „Sie“ an.\n");
        s.append(p.languageLevel().instruction()).append('\n');
        if (!c.topics().isEmpty() || !p.topics().isEmpty()) {
            List<String> topics = new ArrayList<>(c.topics());
            p.topics().stream().limit(5).filter(t -> !topics.contains(t)).forEach(topics::add);
            s.append("Themen, bei denen du besonders hilfst: ").append(String.join(", ", topics)).append(".\n");
        }
        if (!c.refusedTopics().isEmpty()) {
            s.append("Zu diesen Themen gibst du keine Auskunft und verweist freundlich weiter: ")
                    .append(String.join(", ", c.refusedTopics())).append(".\n");
            s.append("Fragt jemand danach, sag: ").append(CharacterDefinition.effectiveRefusal(c)).append('\n');
        }
        c.rules().forEach(r -> s.append("Regel: ").append(r).append('\n'));
        if (c.noAnswerText() != null) {
            s.append("Findest du in den Quellen keine Antwort, sag: ").append(c.noAnswerText()).append('\n');
        }
        if (c.escalation() != null) {
            s.append(c.escalation()).append('\n');
        }
        return s.toString().strip();
    }

    public StoredAgent validate(UUID id) {
        StoredAgent a = get(id);
        AgentSpec spec = a.agent();
        List<ValidationReport.Check> checks = new ArrayList<>();
        Map<String, AgentToolDirectory.AvailableTool> registry = new LinkedHashMap<>();
        tools.available().forEach(t -> registry.put(t.name(), t));
        List<String> unknown = spec.tools().stream().filter(t -> !registry.containsKey(t)).toList();
        checks.add(new ValidationReport.Check("tools_exist", unknown.isEmpty(), unknown.isEmpty()
                ? texts.get("character.check.tools_exist.ok", spec.tools().size(), String.join(", ", spec.tools()))
                : texts.get("character.check.tools_exist.fail", String.join(", ", unknown), String.join(", ", registry.keySet()))));
        Optional<List<String>> allowlist = allowedTools();
        List<String> notAllowed = spec.tools().stream().filter(registry::containsKey)
                .filter(t -> allowlist.isPresent() && !allowlist.get().contains(t)).toList();
        checks.add(new ValidationReport.Check("tools_allowed", notAllowed.isEmpty(), notAllowed.isEmpty()
                ? texts.get("character.check.tools_allowed.ok")
                : texts.get("character.check.tools_allowed.fail", ALLOWED_TOOLS_SETTING, String.join(", ", notAllowed))));
        int promptTokens = (spec.systemPrompt().length() + 3) / 4;
        ContextWindow window = contextWindows.smallest();
        boolean fits = promptTokens + ANSWER_RESERVE_TOKENS <= window.tokens();
        checks.add(new ValidationReport.Check("prompt_fits_context", fits, texts.get("character.check.prompt_fits_context."
                + window.origin().name().toLowerCase(Locale.ROOT), String.valueOf(promptTokens),
                String.valueOf(ANSWER_RESERVE_TOKENS), String.valueOf(window.tokens()), window.model())));
        List<String> clashes = new ArrayList<>();
        for (String refused : spec.refusedTopics()) {
            String r = refused.toLowerCase(Locale.GERMAN);
            spec.knowledge().boostTopics().stream().filter(t -> t.toLowerCase(Locale.GERMAN).contains(r)).forEach(clashes::add);
            spec.suggestedQuestions().stream().filter(q -> q.toLowerCase(Locale.GERMAN).contains(r)).forEach(clashes::add);
        }
        boolean promptNamesRefusals = spec.refusedTopics().stream().allMatch(spec.systemPrompt()::contains);
        checks.add(new ValidationReport.Check("refused_topics_consistent", clashes.isEmpty() && promptNamesRefusals,
                !clashes.isEmpty() ? texts.get("character.check.refused_topics.clash", String.join("; ", clashes))
                        : promptNamesRefusals ? texts.get("character.check.refused_topics.ok", spec.refusedTopics().size())
                                : texts.get("character.check.refused_topics.unnamed")));
        List<String> questions = spec.suggestedQuestions();
        if (spec.personaId() != null) {
            Optional<StoredPersona> persona = personas.findOptional(spec.personaId());
            if (persona.isPresent()) {
                questions = persona.get().persona().typicalQuestions();
            }
        }
        PersonaGeneration measure = new PersonaGeneration(content::terms);
        int grounded = 0;
        for (String q : questions) {
            List<String> passages = search.search(new SearchQuery(q, spec.knowledge().spaceIds(), 3, SearchMode.LEXICAL,
                    spec.knowledge().filters())).hits().stream().map(SearchHit::text).toList();
            if (measure.grounded(q, passages)) {
                grounded++;
            }
        }
        double share = questions.isEmpty() ? 0 : (double) grounded / questions.size();
        checks.add(new ValidationReport.Check("questions_answerable", share >= MIN_ANSWERABILITY, texts.get(
                "character.check.questions_answerable", grounded, questions.size(), (int) (MIN_ANSWERABILITY * 100))));
        checks.add(new ValidationReport.Check("suggested_questions", spec.suggestedQuestions().size() >= 3,
                texts.get("character.check.suggested_questions", spec.suggestedQuestions().size())));
        ValidationReport report = new ValidationReport(checks.stream().allMatch(ValidationReport.Check::passed), checks, Instant.now());
        agents.validation(id, report);
        record("agent.validated", a, Map.of("passed", report.passed()));
        return get(id);
    }

    public StoredAgent transition(UUID id, AgentStatus next) {
        StoredAgent a = get(id);
        if (!a.status().canMoveTo(next)) {
            throw ApiException.conflict("invalid_transition", "An agent in status " + a.status().wire() + " cannot become " + next.wire())
                    .withArgs(texts.get("character.status." + a.status().wire()), texts.get("character.status." + next.wire()));
        }
        Actor actor = CurrentActor.get();
        if (next == AgentStatus.PUBLISHED) {
            if (a.validation() == null || !a.validation().passed()) {
                throw ApiException.conflict("validation_required", "Publishing needs a passed validation (POST …/validate)");
            }
            if (fourEyes()) {
                Role role = actor.roleIn(TenantContext.currentId());
                if (role == null || role.compareTo(Role.TENANT_ADMIN) < 0) {
                    throw ApiException.forbidden("Four-eyes publishing: a TENANT_ADMIN must publish")
                            .withMessageKey("character.error.four_eyes_role");
                }
                if (actor.label().equals(a.author())) {
                    throw ApiException.conflict("four_eyes", "Four-eyes publishing: the author cannot publish their own agent");
                }
            }
        }
        StoredAgent changed = agents.change(id, a.agent(), next, actor.label());
        record("agent." + next.wire(), changed, Map.of("from", a.status().wire()));
        return changed;
    }

    public StoredAgent update(UUID id, AgentSpec edited) {
        StoredAgent a = get(id);
        AgentSpec s = a.agent();
        AgentSpec merged = new AgentSpec(edited.name() == null ? s.name() : edited.name(), s.characterId(), s.personaId(),
                edited.systemPrompt() == null ? s.systemPrompt() : edited.systemPrompt(),
                edited.knowledge() == null ? s.knowledge() : edited.knowledge(),
                edited.tools().isEmpty() ? s.tools() : edited.tools(),
                edited.suggestedQuestions().isEmpty() ? s.suggestedQuestions() : edited.suggestedQuestions(),
                edited.greeting() == null ? s.greeting() : edited.greeting(), s.refusedTopics());
        // a changed published agent goes back to draft: it must be reviewed again
        AgentStatus status = a.status() == AgentStatus.PUBLISHED ? AgentStatus.DRAFT : a.status();
        StoredAgent changed = agents.change(id, merged, status, CurrentActor.get().label());
        record("agent.updated", changed, Map.of());
        return changed;
    }

    public StoredAgent get(UUID id) {
        return agents.find(id).orElseThrow(() -> ApiException.notFound("Agent"));
    }

    public List<StoredAgent> list(int offset, int limit) {
        return agents.list(offset, limit);
    }

    public long count() {
        return agents.count();
    }

    public List<SavedAgents.Version> versions(UUID id) {
        get(id);
        return agents.versions(id);
    }

    public void delete(UUID id) {
        StoredAgent a = get(id);
        agents.delete(id);
        record("agent.deleted", a, Map.of());
    }

    private boolean fourEyes() {
        Object v = tenants.settings(TenantContext.currentId()).get(FOUR_EYES_SETTING);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    /** The tenant's allowlist of tools, if it restricts them; without one every tool of its registry is allowed. */
    private Optional<List<String>> allowedTools() {
        Object v = tenants.settings(TenantContext.currentId()).get(ALLOWED_TOOLS_SETTING);
        return v instanceof List<?> l ? Optional.of(l.stream().map(String::valueOf).toList()) : Optional.empty();
    }

    private void record(String action, StoredAgent a, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>(extra);
        details.put("name", a.agent().name());
        details.put("version", a.version());
        details.put("status", a.status().wire());
        bus.publish(DomainEvent.of(EventDomain.CHARACTER, action, DomainEvent.Subject.of("agent", a.id()), details));
    }
}

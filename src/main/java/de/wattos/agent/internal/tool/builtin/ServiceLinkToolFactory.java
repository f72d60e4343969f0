package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.service.CatalogueEntry;
import de.wattos.agent.internal.service.ServiceCatalogue;
import de.wattos.agent.internal.service.ServiceMatcher;
import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.agent.internal.tool.spi.ToolSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code service_link}: finds the tenant's service (form, appointment, online service) and its link. */
@Component
class ServiceLinkToolFactory implements ToolFactory {

    static final String ID = "service_link";

    private final ServiceCatalogue catalogue;
    private final JsonMapper json;

    ServiceLinkToolFactory(ServiceCatalogue catalogue, JsonMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Verweist auf die passende Dienstleistung (Formular, Termin, Online-Dienst) aus dem Leistungskatalog.";
    }

    @Override
    public boolean configurable() {
        return false;
    }

    @Override
    public AgentTool create(ToolSettings settings) {
        return new BuiltinTool(ID, "Find the municipality's service (form, appointment booking, online service) for a citizen's concern; returns its link, office, fees and documents needed.",
                Map.of("type", "object",
                        "properties", Map.of("query", Map.of("type", "string", "description", "The concern in a few words, e.g. 'Hund anmelden'", "minLength", 2, "maxLength", 300)),
                        "required", List.of("query"), "additionalProperties", false), this::invoke);
    }

    private ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        List<ServiceMatcher.Match> matches = ServiceMatcher.rank(catalogue.all(), String.valueOf(arguments.get("query")), 3);
        List<Map<String, Object>> services = new ArrayList<>();
        List<ToolSource> sources = new ArrayList<>();
        for (ServiceMatcher.Match m : matches) {
            CatalogueEntry e = m.entry();
            int n = context.nextSourceNumber();
            sources.add(new ToolSource(n, e.name(), e.url(), null, e.description(), null, null));
            services.add(describe(n, e));
        }
        return new ToolOutput(json.writeValueAsString(Map.of("services", services)), sources);
    }

    static Map<String, Object> describe(int n, CatalogueEntry e) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n", n);
        s.put("name", e.name());
        s.put("kind", e.kind().key());
        putIfPresent(s, "url", e.url());
        putIfPresent(s, "description", e.description());
        putIfPresent(s, "office", e.office());
        putIfPresent(s, "fees", e.fees());
        if (!e.documents().isEmpty()) {
            s.put("documents", e.documents());
        }
        return s;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}

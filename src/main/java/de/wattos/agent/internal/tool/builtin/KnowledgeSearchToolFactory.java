package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.spi.AgentTool;
import de.wattos.agent.internal.tool.spi.ToolContext;
import de.wattos.agent.internal.tool.spi.ToolFactory;
import de.wattos.agent.internal.tool.spi.ToolOutput;
import de.wattos.agent.internal.tool.spi.ToolSettings;
import de.wattos.agent.internal.tool.spi.ToolSource;
import de.wattos.knowledge.KnowledgeSearch;
import de.wattos.knowledge.SearchHit;
import de.wattos.knowledge.SearchQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** {@code knowledge_search}: the tenant's knowledge, limited to the spaces configured on the agent. */
@Component
class KnowledgeSearchToolFactory implements ToolFactory {

    static final String ID = "knowledge_search";
    private static final int TEXT_LIMIT = 1200;

    private final KnowledgeSearch search;
    private final JsonMapper json;

    KnowledgeSearchToolFactory(KnowledgeSearch search, JsonMapper json) {
        this.search = search;
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Sucht in den Quellen des Mandanten (Wissensbasis) und liefert nummerierte Fundstellen.";
    }

    @Override
    public boolean configurable() {
        return false;
    }

    @Override
    public AgentTool create(ToolSettings settings) {
        return new BuiltinTool(ID, "Search the municipality's website and documents. Returns numbered passages; cite them as [n].",
                Map.of("type", "object",
                        "properties", Map.of("query", Map.of("type", "string", "description", "What to look for, in German", "minLength", 2, "maxLength", 500)),
                        "required", List.of("query"), "additionalProperties", false), this::invoke);
    }

    /**
     * For an agent serving a persona: the articles addressed to that persona first (at most half of the places), then
     * the rest of the search, which leaves out whatever is addressed only to other personas (docs/kb.md).
     */
    private List<SearchHit> hits(String query, ToolContext context) {
        SearchQuery q = SearchQuery.of(query, context.spaceIds(), context.topK()).forPersona(context.personaId());
        List<SearchHit> all = search.search(q).hits();
        if (context.personaId() == null) {
            return all;
        }
        SearchQuery addressed = new SearchQuery(query, context.spaceIds(), Math.max(1, context.topK() / 2), q.mode(),
                q.filters()).addressedTo(context.personaId());
        List<SearchHit> out = new ArrayList<>(search.search(addressed).hits());
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        out.forEach(h -> seen.add(h.chunkId()));
        all.stream().filter(h -> !seen.contains(h.chunkId())).forEach(out::add);
        return out.size() <= context.topK() ? out : List.copyOf(out.subList(0, context.topK()));
    }

    private ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        String query = String.valueOf(arguments.get("query"));
        List<SearchHit> hits = hits(query, context);
        List<ToolSource> sources = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        for (SearchHit hit : hits) {
            int n = context.nextSourceNumber();
            sources.add(new ToolSource(n, hit.title(), hit.url(), hit.headingPath(), hit.snippet(), hit.documentId(), hit.chunkId()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("n", n);
            r.put("title", hit.title());
            if (hit.url() != null) {
                r.put("url", hit.url());
            }
            String text = hit.text() == null ? "" : hit.text();
            r.put("text", text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + " …" : text);
            results.add(r);
        }
        return new ToolOutput(json.writeValueAsString(Map.of("results", results)), sources);
    }
}

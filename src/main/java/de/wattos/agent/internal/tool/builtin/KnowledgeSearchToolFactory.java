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

    private ToolOutput invoke(Map<String, Object> arguments, ToolContext context) {
        String query = String.valueOf(arguments.get("query"));
        List<SearchHit> hits = search.search(SearchQuery.of(query, context.spaceIds(), context.topK())).hits();
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

package de.wattos.character.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tool ids an agent may name. Tools are listed on agents here and executed by the agent runtime (a later
 * module): until it exists they are declarations only, never run.
 */
public final class ToolRegistry {

    public record Tool(String id, String description, boolean allowedByDefault) {
    }

    public static final List<Tool> TOOLS = List.of(
            new Tool("knowledge_search", "Sucht in den Quellen des Mandanten (Wissensbasis).", true),
            new Tool("service_link", "Verweist auf die passende Online-Dienstleistung oder Seite.", true),
            new Tool("handoff_to_human", "Übergibt das Gespräch an eine Mitarbeiterin oder einen Mitarbeiter.", true),
            new Tool("current_time", "Kennt Datum und Uhrzeit (Öffnungszeiten, Fristen).", true),
            new Tool("http_request", "Ruft eine freigegebene externe Schnittstelle auf.", false),
            new Tool("appointment_booking", "Bucht Termine über ein angebundenes Terminsystem.", false));

    private static final Map<String, Tool> BY_ID = TOOLS.stream().collect(Collectors.toMap(Tool::id, Function.identity()));

    /** Tools are listed, not executed: the agent runtime runs them once it exists. */
    public static final String EXECUTION_NOTE = "Tools are declared on the agent and executed by the agent runtime (not yet available): listed, not executed.";

    private ToolRegistry() {
    }

    public static Optional<Tool> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}

package de.wattos.llm.internal.http;

import de.wattos.llm.ToolCall;
import de.wattos.llm.internal.spi.ToolCallDeltas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assembles function calls from streamed pieces (by index), passing each piece on as it arrives. */
public final class ToolCallAssembly {

    private static final class Part {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    private final Map<Integer, Part> parts = new TreeMap<>();
    private final ToolCallDeltas sink;

    public ToolCallAssembly(ToolCallDeltas sink) {
        this.sink = sink == null ? ToolCallDeltas.NONE : sink;
    }

    public void piece(int index, String id, String name, String argumentsDelta) {
        Part part = parts.computeIfAbsent(index, i -> new Part());
        if (id != null && part.id == null) {
            part.id = id;
        }
        if (name != null && part.name == null) {
            part.name = name;
        }
        if (argumentsDelta != null) {
            part.arguments.append(argumentsDelta);
        }
        sink.accept(index, id, name, argumentsDelta);
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public List<ToolCall> calls() {
        List<ToolCall> calls = new ArrayList<>();
        parts.forEach((index, p) -> calls.add(new ToolCall(p.id == null ? "call_" + index : p.id, p.name,
                p.arguments.isEmpty() ? "{}" : p.arguments.toString())));
        return calls;
    }
}

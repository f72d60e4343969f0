package de.wattos.agent.internal.tool.spi;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a tool may know of the run that calls it: the agent's knowledge spaces and result size, and the run's
 * source numbering (so citations stay unique when several tools or several calls contribute sources).
 */
public record ToolContext(List<UUID> spaceIds, int topK, AtomicInteger sourceNumbers, UUID personaId) {

    public ToolContext {
        spaceIds = spaceIds == null ? List.of() : List.copyOf(spaceIds);
        topK = topK <= 0 ? 5 : topK;
        sourceNumbers = sourceNumbers == null ? new AtomicInteger() : sourceNumbers;
    }

    /** A context for no particular persona. */
    public ToolContext(List<UUID> spaceIds, int topK, AtomicInteger sourceNumbers) {
        this(spaceIds, topK, sourceNumbers, null);
    }

    public static ToolContext standalone() {
        return new ToolContext(List.of(), 5, new AtomicInteger());
    }

    public int nextSourceNumber() {
        return sourceNumbers.incrementAndGet();
    }
}

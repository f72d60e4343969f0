package de.wattos.knowledge.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text of a document as structured blocks, with what the extractor learned about it. */
public record ExtractedDocument(String title, List<Block> blocks, Map<String, String> metadata, String detectedType) {

    public ExtractedDocument {
        blocks = List.copyOf(blocks);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The normalised text the content hash is computed over (structure markers included, so a moved heading counts). */
    public String normalizedText() {
        return blocks.stream().map(b -> switch (b.kind()) {
            case HEADING -> "#".repeat(Math.max(1, b.level())) + " " + b.text();
            case LIST_ITEM -> "- " + b.text();
            case TABLE_ROW -> "| " + b.text();
            case PARAGRAPH -> b.text();
        }).collect(Collectors.joining("\n"));
    }

    public ExtractedDocument withBlocks(List<Block> newBlocks) {
        return new ExtractedDocument(title, newBlocks, metadata, detectedType);
    }
}

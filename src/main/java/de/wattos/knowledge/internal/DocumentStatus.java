package de.wattos.knowledge.internal;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a document stands: {@code PENDING} until a worker has extracted and embedded it, then {@code INDEXED}
 * (searchable), {@code DUPLICATE} (its content is already served by another document), {@code FAILED}, or
 * {@code REMOVED}. The API and the database carry the lower-case {@link #wire()} value.
 */
public enum DocumentStatus {
    PENDING, INDEXED, DUPLICATE, FAILED, REMOVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its content answers questions: indexed itself, or through the document it duplicates. */
    public boolean served() {
        return this == INDEXED || this == DUPLICATE;
    }

    /** The message bundle key of the label shown to users. */
    public String labelKey() {
        return "knowledge.document.status." + wire();
    }

    public static Optional<DocumentStatus> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    public static DocumentStatus of(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalStateException("unknown document status " + wire));
    }

    public static List<String> wireValues() {
        return Arrays.stream(values()).map(DocumentStatus::wire).toList();
    }
}

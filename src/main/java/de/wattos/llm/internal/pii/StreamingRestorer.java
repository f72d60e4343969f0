package de.wattos.llm.internal.pii;

import java.util.regex.Pattern;

/**
 * Restores placeholders in a streamed answer although a placeholder may arrive split across deltas
 * ({@code "[EMA"}, {@code "IL_1] ist"}): text from an unclosed {@code [} that could still become a placeholder is
 * held back until it closes or clearly is something else.
 */
public final class StreamingRestorer {

    private static final Pattern PARTIAL = Pattern.compile("\\[[A-Z_]*\\d{0,4}\\]?");
    private static final int MAX_PLACEHOLDER = 32;

    private final PiiVault vault;
    private final StringBuilder pending = new StringBuilder();

    StreamingRestorer(PiiVault vault) {
        this.vault = vault;
    }

    /** Takes a delta and returns what can be passed on now (possibly empty). */
    public String push(String delta) {
        if (vault.isEmpty()) {
            return delta;
        }
        pending.append(delta);
        int hold = holdFrom();
        String ready = pending.substring(0, hold);
        pending.delete(0, hold);
        return vault.restore(ready);
    }

    /** The rest at the end of the stream. */
    public String finish() {
        String rest = vault.restore(pending.toString());
        pending.setLength(0);
        return rest;
    }

    /** Index from which the pending text might still be the start of a placeholder. */
    private int holdFrom() {
        int open = pending.lastIndexOf("[");
        if (open < 0) {
            return pending.length();
        }
        String tail = pending.substring(open);
        if (tail.indexOf(']') >= 0 || tail.length() > MAX_PLACEHOLDER || !PARTIAL.matcher(tail).matches()) {
            return pending.length();
        }
        return open;
    }
}

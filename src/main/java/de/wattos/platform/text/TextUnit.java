package de.wattos.platform.text;

/**
 * The smallest piece of a passage that can answer a question on its own: a sentence, a list item, a table row or a
 * key–value line. {@code key}/{@code value} are set for rows and key–value lines ("Datenquellen | Statistisches
 * Bundesamt"); {@code heading} is the nearest heading line above it inside the passage (may be empty).
 */
public record TextUnit(Kind kind, String text, String key, String value, String heading) {

    public enum Kind { SENTENCE, LIST_ITEM, TABLE_ROW, KEY_VALUE }

    public boolean keyed() {
        return key != null;
    }

    /** How the unit reads when quoted in an answer. */
    public String quoted() {
        return keyed() ? key + ": " + value : text;
    }
}

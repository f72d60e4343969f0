package de.wattos.knowledge;

/**
 * A passage another platform retrieved for a question. {@code source}: a short label of where it comes from (e.g.
 * {@code f13}), cited with the passage; {@code url} may be null. The other platform's score is not carried: its scale
 * is unknown, so the asker judges the passage by the question's words alone.
 */
public record ExternalPassage(String source, String title, String url, String text) {
}

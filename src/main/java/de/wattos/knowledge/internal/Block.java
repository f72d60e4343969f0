package de.wattos.knowledge.internal;

/** One structural unit of extracted text: a heading (with level), a paragraph, a list item or a table row. */
public record Block(Kind kind, int level, String text, Integer page) {

    public enum Kind { HEADING, PARAGRAPH, LIST_ITEM, TABLE_ROW }

    public static Block heading(int level, String text, Integer page) {
        return new Block(Kind.HEADING, level, text, page);
    }

    public static Block paragraph(String text, Integer page) {
        return new Block(Kind.PARAGRAPH, 0, text, page);
    }

    public Block withText(String newText) {
        return new Block(kind, level, newText, page);
    }
}

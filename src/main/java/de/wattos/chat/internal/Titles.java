package de.wattos.chat.internal;

/** Conversation titles made from the first question. */
final class Titles {

    static final int MAX = 60;

    private Titles() {
    }

    /** The question on one line, cut at a word boundary to at most {@value #MAX} characters (with an ellipsis). */
    static String fromQuestion(String question) {
        String oneLine = question.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= MAX) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', MAX - 1);
        if (cut < MAX / 2) {
            cut = MAX - 1;
        }
        return oneLine.substring(0, cut).stripTrailing().replaceAll("[,;:.!?-]+$", "") + "…";
    }
}

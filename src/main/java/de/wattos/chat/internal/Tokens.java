package de.wattos.chat.internal;

/** Token estimates for prompt budgets: about four characters per token is close enough for German and English. */
final class Tokens {

    private Tokens() {
    }

    static int estimate(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}

package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import de.wattos.knowledge.SearchHit;

/**
 * A retrieved passage under the number {@code n} it carries in the prompt (n starts at 1); {@code curated}: an
 * approved article, cited as such and without a link (its "URL" only names the article).
 */
record Source(int n, SearchHit hit, boolean curated) {

    Source(int n, SearchHit hit) {
        this(n, hit, false);
    }

    Chat.Citation citation() {
        return new Chat.Citation(n, hit.title(), curated ? null : hit.url(), hit.headingPath(), hit.page(), hit.snippet(),
                hit.documentId(), hit.chunkId(), curated);
    }
}

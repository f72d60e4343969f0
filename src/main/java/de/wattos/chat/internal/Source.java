package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import de.wattos.knowledge.SearchHit;

/**
 * A retrieved passage under the number {@code n} it carries in the prompt (n starts at 1); {@code curated}: an
 * approved article, cited as such and without a link (its "URL" only names the article); {@code origin}: null for the
 * tenant's own knowledge, else the external source of the passage ({@code f13}).
 */
record Source(int n, SearchHit hit, boolean curated, String origin) {

    Source(int n, SearchHit hit, boolean curated) {
        this(n, hit, curated, null);
    }

    Source(int n, SearchHit hit) {
        this(n, hit, false, null);
    }

    Chat.Citation citation() {
        return new Chat.Citation(n, hit.title(), curated ? null : hit.url(), hit.headingPath(), hit.page(), hit.snippet(),
                hit.documentId(), hit.chunkId(), curated, origin);
    }
}

package de.wattos.chat.internal;

import de.wattos.chat.Chat;
import de.wattos.knowledge.SearchHit;

/** A retrieved passage under the number {@code n} it carries in the prompt (n starts at 1). */
record Source(int n, SearchHit hit) {

    Chat.Citation citation() {
        return new Chat.Citation(n, hit.title(), hit.url(), hit.headingPath(), hit.page(), hit.snippet(),
                hit.documentId(), hit.chunkId());
    }
}

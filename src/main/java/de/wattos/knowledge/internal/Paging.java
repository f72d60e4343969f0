package de.wattos.knowledge.internal;

import de.wattos.platform.ApiException;

final class Paging {

    static final int MAX_SIZE = 100;

    private Paging() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw ApiException.invalidField("page", "must be 0 or greater");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}

package de.wattos.platform;

import java.util.List;

/** One page of a list: {@code ?page=} (from 0) and {@code ?size=} (1–200), with the total count. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    /** Validates paging parameters (400 with field errors on bad values). */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ApiException.invalidField("page", "field.at_least", 0);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalidField("size", "field.between", 1, MAX_SIZE);
        }
    }
}

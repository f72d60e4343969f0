package de.wattos.platform;

import java.util.List;

/**
 * One page of a list: {@code ?page=} (from 0) and {@code ?size=} (1–200), with the total count. Pages start at most
 * {@link #MAX_OFFSET} rows deep.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;
    /** Deepest row a page may start at: deeper pages are a scan nobody needs (use filters), and int offsets overflow. */
    public static final long MAX_OFFSET = 1_000_000;

    /** Validates paging parameters (400 with field errors on bad values). */
    public static void check(int page, int size) {
        if (page < 0) {
            throw ApiException.invalidField("page", "field.at_least", 0);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalidField("size", "field.between", 1, MAX_SIZE);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw ApiException.invalidField("page", "field.page.too_deep", MAX_OFFSET);
        }
    }
}

package de.wattos.kb.articles;

import de.wattos.kb.review.SentenceDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Two versions of an article side by side: the title, the body sentence by sentence ({@link SentenceDiff}, the same
 * as for crawl changes), and what the questions, tags, personas and validity gained or lost. {@code against} is the
 * old side, {@code version} the new one.
 */
public record ArticleDiff(int version, int against, Field<String> title, SentenceDiff.Result body,
        ListDiff<String> questions, ListDiff<String> tags, ListDiff<UUID> personaIds, Field<Instant> validFrom,
        Field<Instant> validTo) {

    /** One value on both sides. */
    public record Field<T>(T old, T current, boolean changed) {
        static <T> Field<T> of(T old, T current) {
            return new Field<>(old, current, !Objects.equals(old, current));
        }
    }

    /** A list's entries in the new version only ({@code added}), in the old only ({@code removed}), in both. */
    public record ListDiff<T>(List<T> added, List<T> removed, List<T> kept) {
        static <T> ListDiff<T> of(List<T> old, List<T> current) {
            var before = new LinkedHashSet<>(old);
            var after = new LinkedHashSet<>(current);
            List<T> added = new ArrayList<>();
            List<T> kept = new ArrayList<>();
            for (T t : after) {
                (before.contains(t) ? kept : added).add(t);
            }
            List<T> removed = before.stream().filter(t -> !after.contains(t)).toList();
            return new ListDiff<>(List.copyOf(added), removed, List.copyOf(kept));
        }
    }

    static ArticleDiff between(Articles.Version old, Articles.Version current) {
        return new ArticleDiff(current.version(), old.version(), Field.of(old.title(), current.title()),
                SentenceDiff.between(old.body(), current.body()), ListDiff.of(old.questions(), current.questions()),
                ListDiff.of(old.tags(), current.tags()), ListDiff.of(old.personaIds(), current.personaIds()),
                Field.of(old.validFrom(), current.validFrom()), Field.of(old.validTo(), current.validTo()));
    }
}

package de.wattos.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a batch of events (of one or many tenants) adds to the rollups, summed in memory per rollup row, so that
 * each row is written once per batch however many events touch it. Every key starts with the tenant. Keys are
 * sorted: every batch then locks rows in the same order, and two writers (two nodes) cannot deadlock on each
 * other's upserts.
 */
final class RollupDelta {

    /** The dimensions of a conversation figure; '' and the nil UUID stand for "none" (they are part of the key). */
    record Dims(String channel, UUID widget, UUID agent, String provider, String model)
            implements Comparable<Dims> {

        Dims {
            channel = channel == null ? "" : channel;
            widget = widget == null ? Rollups.NONE : widget;
            agent = agent == null ? Rollups.NONE : agent;
            provider = provider == null ? "" : provider;
            model = model == null ? "" : model;
        }

        Dims withModel(String provider, String model) {
            return new Dims(channel, widget, agent, provider, model);
        }

        @Override
        public int compareTo(Dims o) {
            int c = channel.compareTo(o.channel);
            c = c != 0 ? c : widget.compareTo(o.widget);
            c = c != 0 ? c : agent.compareTo(o.agent);
            c = c != 0 ? c : provider.compareTo(o.provider);
            return c != 0 ? c : model.compareTo(o.model);
        }
    }

    record HourKey(UUID tenant, Instant hour, Dims dims) implements Comparable<HourKey> {
        @Override
        public int compareTo(HourKey o) {
            int c = tenant.compareTo(o.tenant);
            c = c != 0 ? c : hour.compareTo(o.hour);
            return c != 0 ? c : dims.compareTo(o.dims);
        }
    }

    record DayKey(UUID tenant, LocalDate day, Dims dims) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = tenant.compareTo(o.tenant);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : dims.compareTo(o.dims);
        }
    }

    record DayText(UUID tenant, LocalDate day, String text) implements Comparable<DayText> {
        @Override
        public int compareTo(DayText o) {
            int c = tenant.compareTo(o.tenant);
            c = c != 0 ? c : day.compareTo(o.day);
            return c != 0 ? c : text.compareTo(o.text);
        }
    }

    record TenantHour(UUID tenant, Instant hour) implements Comparable<TenantHour> {
        @Override
        public int compareTo(TenantHour o) {
            int c = tenant.compareTo(o.tenant);
            return c != 0 ? c : hour.compareTo(o.hour);
        }
    }

    /** A row of one tenant: conversations, messages. */
    record TenantId(UUID tenant, UUID id) implements Comparable<TenantId> {
        @Override
        public int compareTo(TenantId o) {
            int c = tenant.compareTo(o.tenant);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /** Knowledge indexing counts of one hour: added, changed, failed, removed. */
    static final class DocumentCounts {
        int added;
        int changed;
        int failed;
        int removed;
    }

    /** An answer's effect on its conversation row. */
    static final class ConversationCounts {
        int answers;
        int noAnswers;
    }

    /** A question to mine: asked without an answer, or its answer was rated down. */
    static final class Unanswered {
        final UUID conversationId;
        final Instant askedAt;
        final String question;
        boolean noAnswer;
        boolean thumbsDown;

        Unanswered(UUID conversationId, Instant askedAt, String question) {
            this.conversationId = conversationId;
            this.askedAt = askedAt;
            this.question = question;
        }
    }

    final Map<HourKey, Totals> hourly = new TreeMap<>();
    final Map<DayKey, Totals> daily = new TreeMap<>();
    final Map<TenantHour, DocumentCounts> knowledgeHourly = new TreeMap<>();
    final Map<TenantId, ConversationCounts> conversations = new TreeMap<>();
    /** Cited pages per day: count and the first title seen. */
    final Map<DayText, long[]> citedCounts = new TreeMap<>();
    final Map<DayText, String> citedTitles = new TreeMap<>();
    /** Question terms per day: count and label. */
    final Map<DayText, long[]> termCounts = new TreeMap<>();
    final Map<DayText, String> termLabels = new TreeMap<>();
    final Map<TenantId, Unanswered> unanswered = new TreeMap<>();
    /** Source clicks per cited page and day. */
    final Map<DayText, long[]> clickCounts = new TreeMap<>();
    final List<HandoffRequested> handoffs = new ArrayList<>();

    void clicked(UUID tenant, LocalDate day, String url) {
        clickCounts.computeIfAbsent(new DayText(tenant, day, url), k -> new long[1])[0]++;
    }

    void count(UUID tenant, Instant hour, LocalDate day, Dims dims, Totals counts) {
        hourly.computeIfAbsent(new HourKey(tenant, hour, dims), k -> new Totals()).add(counts);
        daily.computeIfAbsent(new DayKey(tenant, day, dims), k -> new Totals()).add(counts);
    }

    void cited(UUID tenant, LocalDate day, String url, String title) {
        DayText key = new DayText(tenant, day, url);
        citedCounts.computeIfAbsent(key, k -> new long[1])[0]++;
        if (title != null) {
            citedTitles.putIfAbsent(key, title);
        }
    }

    void term(UUID tenant, LocalDate day, String term, String label) {
        DayText key = new DayText(tenant, day, term);
        termCounts.computeIfAbsent(key, k -> new long[1])[0]++;
        termLabels.putIfAbsent(key, label);
    }

    void unanswered(UUID tenant, UUID messageId, UUID conversationId, Instant askedAt, String question, boolean noAnswer,
            boolean thumbsDown) {
        Unanswered u = unanswered.computeIfAbsent(new TenantId(tenant, messageId), k -> new Unanswered(conversationId, askedAt, question));
        u.noAnswer |= noAnswer;
        u.thumbsDown |= thumbsDown;
    }
}

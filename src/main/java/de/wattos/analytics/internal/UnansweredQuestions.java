package de.wattos.analytics.internal;

import de.wattos.analytics.UnansweredQuestionClusters;
import java.time.LocalDate;
import java.util.Optional;

import de.wattos.platform.ApiException;
import de.wattos.platform.CurrentActor;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantJdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Questions the assistant could not answer or whose answer was rated down, grouped by what they are about:
 * questions sharing most of their content-word stems (German analysis) form one cluster, labelled with its most
 * frequent words. Editors mark clusters handled once the knowledge covers them.
 */
@Service
public class UnansweredQuestions implements UnansweredQuestionClusters {

    private static final int MAX_QUESTIONS = 5_000;
    private static final int EXAMPLES = 5;

    private final TenantJdbc jdbc;
    private final AnalyticsProperties properties;
    private final ClusterLabels labels;

    UnansweredQuestions(TenantJdbc jdbc, AnalyticsProperties properties, ClusterLabels labels) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.labels = labels;
    }

    public record Example(UUID messageId, String question, Instant askedAt, boolean noAnswer, boolean thumbsDown) {
    }

    /**
     * {@code labelSource}: {@code model} when a language model named the cluster, {@code extractive} when the label
     * is its most frequent words.
     */
    public record Cluster(String label, String labelSource, List<String> terms, int questions, int noAnswers,
            int thumbsDown, List<Example> examples, List<UUID> messageIds) {

        Cluster withLabel(String label, String source) {
            return new Cluster(label, source, terms, questions, noAnswers, thumbsDown, examples, messageIds);
        }
    }

    public record Clusters(Instant from, Instant to, boolean includeHandled, int questions, List<Cluster> clusters) {
    }

    public Clusters clusters(String from, String to, boolean includeHandled) {
        ZoneId zone = TenantContext.current().timeZone() == null ? ZoneOffset.UTC : TenantContext.current().timeZone();
        Period period = Period.parse(from, to, "day", zone, properties);
        List<Example> rows = jdbc.sql("""
                select message_id, question, asked_at, no_answer, thumbs_down from analytics_unanswered
                where tenant_id = :tenantId and asked_at >= :from and asked_at < :to and (no_answer or thumbs_down)
                  and (:all or handled_at is null)
                order by asked_at desc limit :limit""")
                .param("from", Timestamp.from(period.from())).param("to", Timestamp.from(period.to()))
                .param("all", includeHandled).param("limit", MAX_QUESTIONS)
                .query((rs, n) -> new Example(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getBoolean(4), rs.getBoolean(5))).list();
        List<Group> groups = new ArrayList<>();
        for (Example e : rows) {
            Map<String, String> terms = QuestionTerms.of(e.question());
            Group best = null;
            double bestOverlap = 0;
            for (Group g : groups) {
                double overlap = overlap(terms.keySet(), g.seed);
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    best = g;
                }
            }
            // half of the shorter question's words in common: "Öffnungszeiten Wertstoffhof" joins "Wann hat der Wertstoffhof offen?"
            if (best == null || bestOverlap < 0.5) {
                best = new Group(terms.keySet());
                groups.add(best);
            }
            best.add(e, terms);
        }
        List<Cluster> clusters = groups.stream().map(Group::cluster)
                .sorted(Comparator.comparingInt(Cluster::questions).reversed().thenComparing(Cluster::label)).toList();
        return new Clusters(period.from(), period.to(), includeHandled, rows.size(), labels.label(clusters));
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty() ? 1 : 0;
        }
        int common = 0;
        for (String t : a) {
            if (b.contains(t)) {
                common++;
            }
        }
        return (double) common / Math.min(a.size(), b.size());
    }

    @Override
    public Optional<ClusterQuestions> clusterOf(UUID messageId) {
        Optional<Instant> asked = jdbc.sql("select asked_at from analytics_unanswered where tenant_id = :tenantId and message_id = :id")
                .param("id", messageId).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = TenantContext.current().timeZone() == null ? ZoneOffset.UTC : TenantContext.current().timeZone();
        String from = LocalDate.ofInstant(asked.get(), zone).minusDays(30).toString();
        Optional<Cluster> cluster = clusters(from, null, true).clusters().stream()
                .filter(c -> c.messageIds().contains(messageId)).findFirst();
        return cluster.map(c -> new ClusterQuestions(c.label(), c.labelSource(), c.terms(), jdbc.sql("""
                select message_id, question, asked_at from analytics_unanswered
                where tenant_id = :tenantId and message_id = any(:ids) order by asked_at desc""")
                .param("ids", c.messageIds().toArray(UUID[]::new))
                .query((rs, n) -> new Question(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list()));
    }

    /** Marks the questions handled (idempotent); returns how many were open before. */
    @Override
    public int markHandled(List<UUID> messageIds) {
        if (messageIds == null || messageIds.isEmpty() || messageIds.size() > 1_000 || messageIds.contains(null)) {
            throw ApiException.invalidField("messageIds", "1 to 1000 message ids");
        }
        return jdbc.sql("""
                update analytics_unanswered set handled_at = now(), handled_by = :actor
                where tenant_id = :tenantId and message_id = any(:ids) and handled_at is null""")
                .param("actor", CurrentActor.get().label()).param("ids", messageIds.toArray(UUID[]::new)).update();
    }

    private static final class Group {
        final Set<String> seed;
        final Map<String, Integer> stemCounts = new HashMap<>();
        final Map<String, String> labels = new HashMap<>();
        final List<Example> members = new ArrayList<>();

        Group(Set<String> seed) {
            this.seed = new HashSet<>(seed);
        }

        void add(Example e, Map<String, String> terms) {
            members.add(e);
            terms.forEach((stem, word) -> {
                stemCounts.merge(stem, 1, Integer::sum);
                labels.putIfAbsent(stem, word);
            });
        }

        Cluster cluster() {
            List<String> top = stemCounts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3).map(en -> labels.get(en.getKey())).toList();
            String label = top.isEmpty() ? members.getFirst().question() : String.join(" ", top);
            int noAnswers = (int) members.stream().filter(Example::noAnswer).count();
            int down = (int) members.stream().filter(Example::thumbsDown).count();
            return new Cluster(label, ClusterLabels.EXTRACTIVE, top, members.size(), noAnswers, down,
                    members.subList(0, Math.min(EXAMPLES, members.size())),
                    members.stream().map(Example::messageId).toList());
        }
    }
}

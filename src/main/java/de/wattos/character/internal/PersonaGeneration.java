package de.wattos.character.internal;

import de.wattos.knowledge.KnowledgeContent.ContentChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives target groups (personas) from a tenant's indexed chunks, offline and deterministically:
 * <ol>
 * <li>every document becomes a TF-IDF vector over the terms of the knowledge module's German analysis
 * (boilerplate terms on most pages left out), and the documents are clustered into topics (spherical k-means,
 * fixed seed);</li>
 * <li>{@link TargetGroups}' rule set finds, per document, the target groups the text gives evidence for;</li>
 * <li>each group with evidence becomes a candidate persona: its topics are the strongest cluster and document
 * terms of its documents, its typical questions templates filled with those topics;</li>
 * <li>candidates whose documents largely coincide are merged; each is scored (evidence, distinctness,
 * specificity, answerability measured with the given search) and dropped with the reason below the threshold.</li>
 * </ol>
 * Pure: the search and the analysis come in as functions, so the benchmark runs it without a server.
 */
public final class PersonaGeneration {

    /** Finds passages for a question (the real knowledge search in production). */
    interface Passages {
        List<String> find(String question);
    }

    record Request(int maxPersonas, double minQualityScore, String organisation) {
    }

    /**
     * Why a target group was dropped: a message key with its arguments and the causes behind it, so the reason is
     * rendered in the reader's language ({@code reason}) when the job is read, not in the language of the job thread.
     */
    public record Reason(String key, List<String> args, List<Reason> causes) {
        public Reason {
            args = args == null ? List.of() : List.copyOf(args);
            causes = causes == null ? List.of() : List.copyOf(causes);
        }

        static Reason of(String key, Object... args) {
            return new Reason(key, java.util.Arrays.stream(args).map(String::valueOf).toList(), List.of());
        }
    }

    /** {@code reason} is the rendered {@code why}; jobs stored before {@code why} existed carry only a German reason. */
    public record Dropped(String name, String targetGroup, double qualityScore, PersonaSpec.ScoreBreakdown scoreBreakdown,
            Reason why, String reason) {

        Dropped rendered(java.util.function.Function<Reason, String> render) {
            return why == null ? this : new Dropped(name, targetGroup, qualityScore, scoreBreakdown, why, render.apply(why));
        }
    }

    public record Stats(int documents, int chunks, int clusters, int candidates, long millis) {
    }

    public record Result(List<PersonaSpec> personas, List<Dropped> dropped, List<String> merged, Stats stats) {
    }

    static final double MERGE_OVERLAP = 0.7;
    private static final Pattern WORD = Pattern.compile("(?U)\\b\\p{L}[\\p{L}-]{2,}\\b");
    private static final int MAX_DOC_CHARS = 30_000;
    private static final int VECTOR_TERMS = 25;
    private static final Set<String> QUESTION_NOISE = Set.of("welch", "gibt", "angebot", "thema", "stadt", "wie", "was", "wo",
            "finde", "find", "bekomm", "information", "informationen", "tut", "steht", "mein", "ich", "hilf", "hilfe");

    private final Function<String, List<String>> analyse;
    private final Map<String, String> stems = new HashMap<>();

    PersonaGeneration(Function<String, List<String>> analyse) {
        this.analyse = analyse;
    }

    private static final class Doc {
        final UUID id;
        final String title;
        final String url;
        final StringBuilder text = new StringBuilder();
        int chunks;
        Map<String, Integer> tf = new HashMap<>();
        Map<String, Double> vector = Map.of();
        int words;
        final Map<String, Integer> groupHits = new HashMap<>();
        final Map<String, Set<String>> groupStems = new HashMap<>();
        int cluster = -1;

        Doc(UUID id, String title, String url) {
            this.id = id;
            this.title = title;
            this.url = url;
        }
    }

    Result generate(List<ContentChunk> chunks, Request request, Passages passages) {
        long start = System.nanoTime();
        Map<UUID, Doc> byId = new LinkedHashMap<>();
        for (ContentChunk c : chunks) {
            Doc d = byId.computeIfAbsent(c.documentId(), id -> new Doc(id, c.title(), c.url()));
            if (d.text.length() < MAX_DOC_CHARS) {
                d.text.append(c.text()).append('\n');
            }
            d.chunks++;
        }
        List<Doc> docs = new ArrayList<>(byId.values());
        Map<String, Map<String, Integer>> surfaces = new HashMap<>();
        Map<String, int[]> wordGroups = new HashMap<>();
        for (Doc d : docs) {
            Matcher m = WORD.matcher(d.text);
            while (m.find()) {
                String word = m.group();
                d.words++;
                String lower = TargetGroups.normalise(word);
                int[] groups = wordGroups.computeIfAbsent(lower, PersonaGeneration::groupsOf);
                for (int g : groups) {
                    TargetGroups.Group group = TargetGroups.ALL.get(g);
                    d.groupHits.merge(group.id(), 1, Integer::sum);
                    d.groupStems.computeIfAbsent(group.id(), k -> new HashSet<>()).add(group.stemOf(lower));
                }
                String stem = stem(word);
                if (stem.isEmpty()) {
                    continue;
                }
                d.tf.merge(stem, 1, Integer::sum);
                if (Character.isUpperCase(word.charAt(0))) {
                    surfaces.computeIfAbsent(stem, k -> new HashMap<>()).merge(word, 1, Integer::sum);
                }
            }
            // the title and address say what a page is about: count them as strong evidence
            String head = TargetGroups.normalise(String.valueOf(d.title) + " " + String.valueOf(d.url));
            for (String word : head.split("[^\\p{L}]+")) {
                for (int g : wordGroups.computeIfAbsent(word, PersonaGeneration::groupsOf)) {
                    d.groupHits.merge(TargetGroups.ALL.get(g).id(), 3, Integer::sum);
                }
            }
        }
        int n = docs.size();
        Map<String, Integer> df = new HashMap<>();
        for (Doc d : docs) {
            d.tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int boilerplate = n >= 5 ? (int) Math.ceil(n * 0.6) : Integer.MAX_VALUE;
        Map<String, Double> idf = new HashMap<>();
        df.forEach((t, f) -> idf.put(t, f >= boilerplate ? 0.0 : Math.log((double) (n + 1) / f)));
        for (Doc d : docs) {
            d.vector = vector(d.tf, idf);
        }
        int k = Math.max(1, Math.min(Math.max(2, request.maxPersonas() * 2), n / 3));
        List<Map<String, Double>> centroids = cluster(docs, k);

        // candidates: one per target group with enough evidence
        record Candidate(TargetGroups.Group group, List<Doc> docs) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (TargetGroups.Group group : TargetGroups.ALL) {
            List<Doc> evidence = docs.stream()
                    .filter(d -> d.groupHits.getOrDefault(group.id(), 0) >= 3)
                    .sorted(Comparator.<Doc>comparingInt(d -> -d.groupHits.getOrDefault(group.id(), 0)).thenComparing(d -> d.id))
                    .toList();
            if (!evidence.isEmpty()) {
                candidates.add(new Candidate(group, evidence));
            }
        }
        candidates.sort(Comparator.<Candidate>comparingInt(c -> -c.docs().size()).thenComparing(c -> c.group().id()));

        // near-duplicates: a group whose documents are mostly another's is merged into the stronger one
        List<String> merged = new ArrayList<>();
        Map<Candidate, List<String>> mergedInto = new LinkedHashMap<>();
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : candidates) {
            Candidate into = null;
            for (Candidate other : kept) {
                if (overlap(ids(c.docs()), ids(other.docs())) >= MERGE_OVERLAP) {
                    into = other;
                    break;
                }
            }
            if (into == null) {
                kept.add(c);
                mergedInto.put(c, new ArrayList<>());
            } else {
                mergedInto.get(into).add(c.group().name());
                merged.add(c.group().name() + " → " + into.group().name());
            }
        }

        double fullEvidence = Math.max(3, Math.min(8, n * 0.05));
        double maxIdf = Math.log(n + 1.0);
        List<PersonaSpec> scored = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        List<Set<UUID>> docSets = kept.stream().map(c -> ids(c.docs())).toList();
        for (int i = 0; i < kept.size(); i++) {
            Candidate c = kept.get(i);
            TargetGroups.Group group = c.group();
            List<String> topics = topics(c.docs(), centroids, idf, surfaces, group);
            List<String> questions = questions(group, topics, request.organisation());
            int grounded = 0;
            for (String q : questions) {
                if (grounded(q, passages.find(q))) {
                    grounded++;
                }
            }
            double distinct = 1.0;
            for (int j = 0; j < docSets.size(); j++) {
                if (j != i) {
                    distinct = Math.min(distinct, 1.0 - overlap(docSets.get(i), docSets.get(j)));
                }
            }
            Set<String> stemsSeen = new HashSet<>();
            c.docs().forEach(d -> stemsSeen.addAll(d.groupStems.getOrDefault(group.id(), Set.of())));
            double topicIdf = topics.stream().map(t -> stem(t)).mapToDouble(t -> idf.getOrDefault(t, 0.0)).average().orElse(0);
            double specificity = round(0.6 * Math.min(1.0, stemsSeen.size() / 4.0) + 0.4 * Math.min(1.0, topicIdf / (0.6 * maxIdf)));
            double evidence = round(Math.min(1.0, c.docs().size() / fullEvidence));
            double answerability = questions.isEmpty() ? 0 : round((double) grounded / questions.size());
            PersonaSpec.ScoreBreakdown breakdown = new PersonaSpec.ScoreBreakdown(evidence, round(distinct), specificity,
                    answerability, c.docs().size(), grounded, questions.size());
            double quality = round(0.25 * evidence + 0.2 * distinct + 0.2 * specificity + 0.35 * answerability);
            if (quality < request.minQualityScore()) {
                dropped.add(new Dropped(group.name(), group.id(), quality, breakdown, reason(breakdown, request.minQualityScore()), null));
                continue;
            }
            List<PersonaSpec.Evidence> ev = c.docs().stream().limit(8)
                    .map(d -> new PersonaSpec.Evidence(d.id, d.title, d.url)).toList();
            LanguageLevel level = group.level();
            if (group.id().equals("disabilities") && c.docs().stream().anyMatch(d ->
                    (String.valueOf(d.url) + " " + d.title).toLowerCase(Locale.ROOT).matches(".*leichte.?sprache.*"))) {
                level = LanguageLevel.LEICHTE_SPRACHE;
            }
            List<String> needs = new ArrayList<>(group.needs());
            topics.stream().limit(3).forEach(t -> needs.add("Informationen zu " + t));
            String description = group.description() + " Belegt durch " + c.docs().size() + " Seiten, vor allem zu "
                    + String.join(", ", topics.subList(0, Math.min(4, topics.size()))) + ".";
            scored.add(new PersonaSpec(group.name(), group.id(), description, needs, questions, level, topics, ev, quality,
                    breakdown, mergedInto.get(c)));
        }
        scored.sort(Comparator.comparingDouble(PersonaSpec::qualityScore).reversed().thenComparing(PersonaSpec::name));
        List<PersonaSpec> personas = new ArrayList<>(scored.subList(0, Math.min(request.maxPersonas(), scored.size())));
        for (PersonaSpec extra : scored.subList(personas.size(), scored.size())) {
            dropped.add(new Dropped(extra.name(), extra.targetGroup(), extra.qualityScore(), extra.scoreBreakdown(),
                    Reason.of("character.dropped.over_max", request.maxPersonas()), null));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new Result(personas, dropped, merged, new Stats(n, chunks.size(), centroids.size(), candidates.size(), ms));
    }

    private static int[] groupsOf(String lowerWord) {
        List<Integer> out = new ArrayList<>(2);
        for (int g = 0; g < TargetGroups.ALL.size(); g++) {
            if (TargetGroups.ALL.get(g).matches(lowerWord)) {
                out.add(g);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private String stem(String word) {
        return stems.computeIfAbsent(word, w -> {
            List<String> terms = analyse.apply(w);
            return terms.size() == 1 && terms.getFirst().length() >= 4 && !terms.getFirst().chars().anyMatch(Character::isDigit)
                    ? terms.getFirst() : "";
        });
    }

    private static Map<String, Double> vector(Map<String, Integer> tf, Map<String, Double> idf) {
        Map<String, Double> weights = new HashMap<>();
        tf.forEach((t, f) -> {
            double w = (1 + Math.log(f)) * idf.getOrDefault(t, 0.0);
            if (w > 0) {
                weights.put(t, w);
            }
        });
        Map<String, Double> top = new HashMap<>();
        weights.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(VECTOR_TERMS).forEach(e -> top.put(e.getKey(), e.getValue()));
        double norm = Math.sqrt(top.values().stream().mapToDouble(v -> v * v).sum());
        if (norm > 0) {
            top.replaceAll((t, v) -> v / norm);
        }
        return top;
    }

    /** Spherical k-means with a fixed seed: deterministic topic clusters. */
    private static List<Map<String, Double>> cluster(List<Doc> docs, int k) {
        List<Doc> withTerms = docs.stream().filter(d -> !d.vector.isEmpty()).toList();
        if (withTerms.isEmpty()) {
            return List.of();
        }
        Random random = new Random(42);
        List<Map<String, Double>> centroids = new ArrayList<>();
        centroids.add(withTerms.get(random.nextInt(withTerms.size())).vector);
        while (centroids.size() < Math.min(k, withTerms.size())) {
            // farthest-first: the document least similar to every centroid so far starts the next cluster
            Doc farthest = null;
            double least = Double.MAX_VALUE;
            for (Doc d : withTerms) {
                double best = 0;
                for (Map<String, Double> c : centroids) {
                    best = Math.max(best, dot(d.vector, c));
                }
                if (best < least) {
                    least = best;
                    farthest = d;
                }
            }
            centroids.add(farthest.vector);
        }
        for (int iteration = 0; iteration < 8; iteration++) {
            for (Doc d : withTerms) {
                int best = 0;
                double bestSim = -1;
                for (int c = 0; c < centroids.size(); c++) {
                    double s = dot(d.vector, centroids.get(c));
                    if (s > bestSim) {
                        bestSim = s;
                        best = c;
                    }
                }
                d.cluster = best;
            }
            List<Map<String, Double>> next = new ArrayList<>();
            for (int c = 0; c < centroids.size(); c++) {
                Map<String, Double> sum = new HashMap<>();
                for (Doc d : withTerms) {
                    if (d.cluster == c) {
                        d.vector.forEach((t, v) -> sum.merge(t, v, Double::sum));
                    }
                }
                double norm = Math.sqrt(sum.values().stream().mapToDouble(v -> v * v).sum());
                if (norm > 0) {
                    sum.replaceAll((t, v) -> v / norm);
                    next.add(sum);
                } else {
                    next.add(centroids.get(c));
                }
            }
            centroids = next;
        }
        return centroids;
    }

    private static double dot(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> small = a.size() <= b.size() ? a : b;
        Map<String, Double> large = small == a ? b : a;
        double s = 0;
        for (Map.Entry<String, Double> e : small.entrySet()) {
            Double v = large.get(e.getKey());
            if (v != null) {
                s += e.getValue() * v;
            }
        }
        return s;
    }

    /**
     * The persona's topics: terms weighted by the group's documents and the centroids of the clusters they fall
     * in, preferring terms the group's rule set recognises, shown as their most frequent capitalised form.
     */
    private static List<String> topics(List<Doc> docs, List<Map<String, Double>> centroids, Map<String, Double> idf,
            Map<String, Map<String, Integer>> surfaces, TargetGroups.Group group) {
        Map<String, Double> weight = new HashMap<>();
        Map<Integer, Integer> clusters = new HashMap<>();
        for (Doc d : docs) {
            d.vector.forEach((t, v) -> weight.merge(t, v, Double::sum));
            if (d.cluster >= 0) {
                clusters.merge(d.cluster, 1, Integer::sum);
            }
        }
        clusters.forEach((c, count) -> centroids.get(c).forEach((t, v) -> weight.merge(t, v * count * 0.5, Double::sum)));
        weight.replaceAll((t, v) -> group.matches(t) ? v * 2 : v);
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        weight.entrySet().stream()
                .filter(e -> surfaces.containsKey(e.getKey()) && idf.getOrDefault(e.getKey(), 0.0) > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    if (out.size() < 8) {
                        String surface = surfaces.get(e.getKey()).entrySet().stream()
                                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                                .map(Map.Entry::getKey).orElse(e.getKey());
                        if (seen.add(surface.toLowerCase(Locale.GERMAN))) {
                            out.add(surface);
                        }
                    }
                });
        return out;
    }

    private static List<String> questions(TargetGroups.Group group, List<String> topics, String organisation) {
        LinkedHashSet<String> out = new LinkedHashSet<>(group.questions());
        String where = organisation == null ? "vor Ort" : "in " + organisation.replaceFirst("^(Stadt|Gemeinde|Landkreis|Markt) ", "");
        List<String> templates = List.of("Welche Angebote gibt es zum Thema %s?", "Was sollte ich über %s " + where + " wissen?",
                "Wo finde ich Informationen zu %s?", "Wie hat sich %s " + where + " entwickelt?",
                "An wen wende ich mich bei Fragen zu %s?", "Welche Ziele gibt es beim Thema %s?");
        for (int i = 0; i < topics.size() && out.size() < 8; i++) {
            out.add(templates.get(i % templates.size()).formatted(topics.get(i)));
        }
        return new ArrayList<>(out);
    }

    /** A question is grounded when one of the top passages holds at least 60 % of its content terms. */
    boolean grounded(String question, List<String> passages) {
        List<String> terms = analyse.apply(question).stream().filter(t -> t.length() >= 3 && !QUESTION_NOISE.contains(t)).toList();
        if (terms.isEmpty() || passages.isEmpty()) {
            return false;
        }
        for (String passage : passages.subList(0, Math.min(3, passages.size()))) {
            Set<String> have = new HashSet<>(analyse.apply(passage));
            long found = terms.stream().filter(have::contains).count();
            if (found >= Math.ceil(terms.size() * 0.6)) {
                return true;
            }
        }
        return false;
    }

    static Reason reason(PersonaSpec.ScoreBreakdown b, double threshold) {
        List<Reason> why = new ArrayList<>();
        if (b.evidence() < 0.5) {
            why.add(Reason.of("character.dropped.cause.evidence", b.documents()));
        }
        if (b.distinctness() < 0.5) {
            why.add(Reason.of("character.dropped.cause.overlap"));
        }
        if (b.specificity() < 0.5) {
            why.add(Reason.of("character.dropped.cause.general"));
        }
        if (b.answerability() < 0.6) {
            why.add(Reason.of("character.dropped.cause.unanswerable", b.groundedQuestions(), b.questions()));
        }
        if (why.isEmpty()) {
            why.add(Reason.of("character.dropped.cause.marginal"));
        }
        return new Reason("character.dropped.below_threshold", List.of(String.valueOf(threshold)), why);
    }

    private static Set<UUID> ids(List<Doc> docs) {
        Set<UUID> out = new HashSet<>();
        docs.forEach(d -> out.add(d.id));
        return out;
    }

    /** Jaccard overlap of two document sets: near 1 only when both groups rest on nearly the same pages. */
    private static double overlap(Set<UUID> a, Set<UUID> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<UUID> small = a.size() <= b.size() ? a : b;
        Set<UUID> large = small == a ? b : a;
        long common = small.stream().filter(large::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

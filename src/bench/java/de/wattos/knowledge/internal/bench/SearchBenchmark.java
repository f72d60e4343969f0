package de.wattos.knowledge.internal.bench;

import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.internal.Block;
import de.wattos.knowledge.internal.Chunker;
import de.wattos.knowledge.internal.Decompounder;
import de.wattos.knowledge.internal.GermanText;
import de.wattos.knowledge.internal.ChunkSearcher;
import de.wattos.knowledge.internal.ChunkWriter;
import de.wattos.knowledge.internal.KnowledgeIndex;
import de.wattos.knowledge.internal.Ranking;
import de.wattos.knowledge.internal.LocalEmbeddingModel;
import de.wattos.knowledge.internal.PlainTextBlocks;
import de.wattos.knowledge.internal.Snippets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search latency at scale: an index of N chunks (default 100,000) of real German text (XQuAD paragraphs and the
 * ragsource Ortsrecht, chunked as in production and repeated under different documents, each copy with a few
 * words changed) with synthetic 384-d unit vectors (embedding 100k texts in-process would take far too long here;
 * HNSW cost does not depend on where the vectors come from). Queries: the 1,190 real XQuAD questions with random
 * query vectors. Measures hybrid top-8 (lexical + kNN, both filtered by tenant inside the query, fusion and
 * highlighted snippets), lexical and vector alone, for a tenant holding all chunks and one holding 10 %.
 * Query embedding is not part of it (it is cached per question text in production); its cost is printed apart.
 *
 * <pre>./wattos bench search [chunks]</pre>
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("chunks", 100_000);
        Path evaldata = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"));
        List<String> texts = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        Chunker chunker = new Chunker(350, 0.15);
        Path xquad = evaldata.resolve("qa/xquad.de.json");
        if (Files.exists(xquad)) {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(xquad));
            for (JsonNode article : root.get("data")) {
                for (JsonNode p : article.get("paragraphs")) {
                    chunker.chunk(PlainTextBlocks.plain(p.get("context").asString()).blocks()).forEach(c -> texts.add(c.text()));
                    p.get("qas").forEach(q -> questions.add(q.get("question").asString()));
                }
            }
        }
        Path ragsource = evaldata.resolve("qa/ragsource-9f1de2f");
        if (Files.isDirectory(ragsource)) {
            try (Stream<Path> walk = Files.walk(ragsource)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    List<Block> blocks = PlainTextBlocks.markdown(Files.readString(f)).blocks();
                    chunker.chunk(blocks).forEach(c -> texts.add(c.text()));
                }
            }
        }
        if (texts.isEmpty()) {
            System.out.println("evaldata not found at " + evaldata + ": using generated text");
            Random r = new Random(1);
            String[] words = "Gemeinde Satzung Hund Steuer Friedhof Gebühr Antrag Bürger Amt Schule Wasser Abwasser Straße"
                    .split(" ");
            for (int i = 0; i < 2000; i++) {
                StringBuilder sb = new StringBuilder();
                for (int w = 0; w < 120; w++) {
                    sb.append(words[r.nextInt(words.length)]).append(' ');
                }
                texts.add(sb.toString());
            }
            questions.add("Wie hoch ist die Hundesteuer?");
        }
        Decompounder decompounder = new Decompounder();
        Map<String, Integer> vocabulary = new HashMap<>();
        for (String t : texts) {
            decompounder.vocabulary(t).forEach(w -> vocabulary.merge(w, 1, Integer::sum));
        }
        decompounder.learn(vocabulary);
        GermanText german = new GermanText(decompounder);
        Path dir = Files.createTempDirectory("search-bench");
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        UUID space = UUID.randomUUID();
        Random random = new Random(42);
        int dims = 384;
        long t0 = System.nanoTime();
        try (KnowledgeIndex index = new KnowledgeIndex(dir, german, Map.of("analysis", "bench"))) {
            ChunkWriter writer = new ChunkWriter(index);
            ChunkSearcher searcher = new ChunkSearcher(index, Ranking.DEFAULTS);
            int n = 0;
            int perDoc = 10;
            while (n < target) {
                UUID doc = UUID.randomUUID();
                // 90 % of the chunks belong to one tenant, 10 % to another
                UUID tenant = (n / perDoc) % 10 == 9 ? small : big;
                List<ChunkWriter.ChunkDoc> chunks = new ArrayList<>(perDoc);
                for (int i = 0; i < perDoc && n < target; i++, n++) {
                    String text = texts.get(n % texts.size());
                    if (n >= texts.size()) {
                        text = text + " Fassung " + (n / texts.size()) + " Ortsteil " + (random.nextInt(500));
                    }
                    chunks.add(new ChunkWriter.ChunkDoc(UUID.randomUUID(), doc, tenant, space, "bench", "text",
                            "Dokument " + (n / perDoc), null, null, null, text, randomUnit(random, dims), Map.of()));
                }
                writer.replace(doc, 1, chunks, false);
            }
            index.commit();
            index.refresh();
            long buildMs = (System.nanoTime() - t0) / 1_000_000;
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            long indexMb = sizeOf(dir) / (1024 * 1024);
            System.out.printf(Locale.ROOT, "SearchBenchmark: %,d chunks (%,d distinct texts, 384-d synthetic vectors), "
                    + "index %d MB on disk, built in %,d ms; heap used after build %d MB (max %d MB); %d cores%n",
                    n, texts.size(), indexMb, buildMs, heapMb, rt.maxMemory() / (1024 * 1024), rt.availableProcessors());
            Snippets snippets = new Snippets(german, 240);
            System.out.println("tenant           mode       p50 ms   p95 ms   p99 ms   mean ms  (top-8, " + questions.size() + " queries)");
            for (UUID tenant : List.of(big, small)) {
                String label = tenant.equals(big) ? "90% of chunks" : "10% of chunks";
                for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.LEXICAL, SearchMode.VECTOR)) {
                    run(searcher, snippets, german, tenant, mode, questions, random, dims, 300); // warm-up
                    double[] ms = run(searcher, snippets, german, tenant, mode, questions, random, dims, Math.max(1000, questions.size()));
                    Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "%-16s %-8s %8.2f %8.2f %8.2f %8.2f%n", label, mode.name().toLowerCase(Locale.ROOT),
                            pct(ms, 50), pct(ms, 95), pct(ms, 99), Arrays.stream(ms).average().orElse(0));
                }
            }
        }
        // what the query vector costs when it is not cached
        LocalEmbeddingModel model = new LocalEmbeddingModel(1);
        model.embed(List.of("Aufwärmen"));
        double[] embed = new double[50];
        for (int i = 0; i < embed.length; i++) {
            long s = System.nanoTime();
            model.embed(List.of(questions.get(i % questions.size())));
            embed[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(embed);
        System.out.printf(Locale.ROOT, "query embedding (%s, uncached): p50 %.1f ms, p95 %.1f ms%n", model.id(), pct(embed, 50), pct(embed, 95));
        System.out.println("uptime " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double[] run(ChunkSearcher index, Snippets snippets, GermanText german, UUID tenant, SearchMode mode,
            List<String> questions, Random random, int dims, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            String q = questions.get(i % questions.size());
            float[] v = randomUnit(random, dims);
            long s = System.nanoTime();
            List<ChunkSearcher.Hit> hits = index.search(new ChunkSearcher.Request(tenant, List.of(), Map.of(), q, v, 8, mode));
            var terms = new HashSet<>(german.terms(q));
            for (ChunkSearcher.Hit h : hits) {
                snippets.snippet(h.text(), terms);
            }
            out[i] = (System.nanoTime() - s) / 1e6;
        }
        return out;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static float[] randomUnit(Random r, int dims) {
        float[] v = new float[dims];
        double sum = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
            sum += v[i] * v[i];
        }
        float norm = (float) Math.sqrt(sum);
        for (int i = 0; i < dims; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static long sizeOf(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

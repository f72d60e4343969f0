package de.wattos.knowledge.internal.bench;

import de.wattos.knowledge.SearchMode;
import de.wattos.knowledge.internal.Block;
import de.wattos.knowledge.internal.Chunker;
import de.wattos.knowledge.internal.Decompounder;
import de.wattos.knowledge.internal.EmbeddingModel;
import de.wattos.knowledge.internal.GermanText;
import de.wattos.knowledge.internal.ChunkSearcher;
import de.wattos.knowledge.internal.ChunkWriter;
import de.wattos.knowledge.internal.KnowledgeIndex;
import de.wattos.knowledge.internal.Ranking;
import de.wattos.knowledge.internal.LocalEmbeddingModel;
import de.wattos.knowledge.internal.PlainTextBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retrieval quality on XQuAD (German): the 240 paragraphs are the corpus (chunked and embedded as in production,
 * article title as document title), each of the 1,190 questions has its paragraph as the single gold document.
 * Prints recall@1/5/10 and MRR@10 (document level) for lexical, vector and hybrid search, and the rank of the
 * § 5 Steuersatz section for "Wie hoch ist die Hundesteuer für den ersten Hund?" over a real bylaw when present.
 *
 * <pre>./wattos bench retrieval [path/to/xquad.de.json]   (-Dsweep=true also prints a grid of fusion settings)</pre>
 */
public final class RetrievalBenchmark {

    record Question(String text, UUID gold) {
    }

    public static void main(String[] args) throws Exception {
        Path xquad = Path.of(args.length > 0 ? args[0] : System.getProperty("xquad",
                Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "qa/xquad.de.json").toString()));
        if (!Files.exists(xquad)) {
            System.out.println("XQuAD not found at " + xquad + " (pass the path as argument): skipping");
            return;
        }
        JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(xquad));
        Decompounder decompounder = new Decompounder();
        GermanText german = new GermanText(decompounder);
        Chunker chunker = new Chunker(350, 0.15);
        // -Dbench.cache=true: reuse vectors of an earlier run (same model, same texts) to iterate quickly
        EmbeddingModel model = Boolean.getBoolean("bench.cache")
                ? new CachedEmbeddings(new LocalEmbeddingModel(32)) : new LocalEmbeddingModel(32);
        Path dir = Files.createTempDirectory("retrieval-bench");
        UUID tenant = UUID.randomUUID();
        UUID space = UUID.randomUUID();

        record Para(UUID id, String title, List<Chunker.Chunk> chunks) {
        }
        List<Para> paras = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        for (JsonNode article : root.get("data")) {
            String title = article.get("title").asString().replace('_', ' ');
            for (JsonNode p : article.get("paragraphs")) {
                String context = p.get("context").asString();
                UUID id = UUID.randomUUID();
                List<Block> blocks = PlainTextBlocks.plain(context).blocks();
                paras.add(new Para(id, title, chunker.chunk(blocks)));
                for (JsonNode qa : p.get("qas")) {
                    questions.add(new Question(qa.get("question").asString(), id));
                }
                Map<String, Integer> words = new HashMap<>();
                decompounder.vocabulary(context).forEach(w -> words.put(w, 1));
                decompounder.learn(words);
            }
        }
        long t0 = System.nanoTime();
        List<String> texts = new ArrayList<>();
        for (Para p : paras) {
            for (Chunker.Chunk c : p.chunks()) {
                texts.add(ChunkWriter.contextOf(p.title(), c.headingPath()) + "\n" + c.text());
            }
        }
        List<float[]> vectors = model.embed(texts);
        long embedMs = (System.nanoTime() - t0) / 1_000_000;
        int chunkCount = texts.size();
        Ranking ranking = ranking();
        List<float[]> queryVectors;
        try (KnowledgeIndex index = new KnowledgeIndex(dir, german, Map.of("analysis", "bench"))) {
            ChunkWriter writer = new ChunkWriter(index);
            int v = 0;
            for (Para p : paras) {
                List<ChunkWriter.ChunkDoc> docs = new ArrayList<>();
                for (Chunker.Chunk c : p.chunks()) {
                    docs.add(new ChunkWriter.ChunkDoc(UUID.randomUUID(), p.id(), tenant, space, "bench", "text",
                            p.title(), null, c.headingPath(), null, c.text(), vectors.get(v++), Map.of()));
                }
                writer.replace(p.id(), 1, docs, false);
            }
            index.refresh();
            long q0 = System.nanoTime();
            queryVectors = model.embed(questions.stream().map(Question::text).toList());
            long queryEmbedMs = (System.nanoTime() - q0) / 1_000_000;

            System.out.printf(Locale.ROOT, "XQuAD de: %d paragraphs -> %d chunks, %d questions; embedded %d chunks in %d ms, "
                    + "%d queries in %d ms (%s)%n", paras.size(), chunkCount, questions.size(), chunkCount, embedMs,
                    questions.size(), queryEmbedMs, model.id());
            System.out.println("mode             recall@1  recall@5  recall@10  MRR@10   avg ms");
            for (SearchMode mode : SearchMode.values()) {
                print(mode.name().toLowerCase(Locale.ROOT), evaluate(new ChunkSearcher(index, ranking), tenant, questions,
                        queryVectors, mode));
            }
        }
        if (Boolean.getBoolean("sweep")) {
            // the same index searched with each ranking
            try (KnowledgeIndex swept = new KnowledgeIndex(dir, german, Map.of("analysis", "bench"))) {
                for (Ranking.Fusion f : Ranking.Fusion.values()) {
                    for (float w : new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f}) {
                        print(String.format(Locale.ROOT, "%s w=%.2f", f.name().toLowerCase(Locale.ROOT), w),
                                evaluate(new ChunkSearcher(swept, ranking.withFusion(f, w)), tenant, questions,
                                        queryVectors, SearchMode.HYBRID));
                    }
                }
            }
        }
        System.out.println("Hundesteuersatzungen (ragsource), \"Wie hoch ist die Hundesteuer für den ersten Hund?\":");
        hundesteuer(german, chunker, model);
        if (model instanceof CachedEmbeddings cached) {
            cached.save();
        }
        deleteTree(dir);
    }

    /** The application's defaults; {@code -Dfusion=RRF -Dfusion.w=0.2 -Damount.boost=2} try others. */
    private static Ranking ranking() {
        Ranking r = Ranking.DEFAULTS;
        if (System.getProperty("fusion.w") != null) {
            r = r.withFusion(Ranking.Fusion.valueOf(System.getProperty("fusion", "CONVEX")),
                    Float.parseFloat(System.getProperty("fusion.w")));
        }
        if (System.getProperty("amount.boost") != null) {
            r = r.withAmountBoost(Float.parseFloat(System.getProperty("amount.boost")));
        }
        return r;
    }

    record Scores(double r1, double r5, double r10, double mrr, double ms) {
    }

    private static void print(String label, Scores s) {
        System.out.printf(Locale.ROOT, "%-16s %8.3f  %8.3f  %9.3f  %6.3f  %7.2f%n", label, s.r1(), s.r5(), s.r10(), s.mrr(), s.ms());
    }

    private static Scores evaluate(ChunkSearcher index, UUID tenant, List<Question> questions, List<float[]> vectors,
            SearchMode mode) {
        int r1 = 0;
        int r5 = 0;
        int r10 = 0;
        double mrr = 0;
        long nanos = 0;
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            long s = System.nanoTime();
            List<ChunkSearcher.Hit> hits = index.search(new ChunkSearcher.Request(tenant, List.of(), Map.of(), q.text(),
                    vectors.get(i), 30, mode));
            nanos += System.nanoTime() - s;
            // document-level ranking: the first chunk of each paragraph counts
            Set<UUID> ranked = new LinkedHashSet<>();
            for (ChunkSearcher.Hit h : hits) {
                ranked.add(h.documentId());
            }
            int rank = 0;
            int pos = 1;
            for (UUID d : ranked) {
                if (d.equals(q.gold())) {
                    rank = pos;
                    break;
                }
                pos++;
            }
            if (rank == 1) {
                r1++;
            }
            if (rank >= 1 && rank <= 5) {
                r5++;
            }
            if (rank >= 1 && rank <= 10) {
                r10++;
                mrr += 1.0 / rank;
            }
        }
        double n = questions.size();
        return new Scores(r1 / n, r5 / n, r10 / n, mrr / n, nanos / 1e6 / n);
    }

    /** The lead's check: where does § 5 Steuersatz of a real Hundesteuersatzung rank? */
    private static void hundesteuer(GermanText german, Chunker chunker, EmbeddingModel model) throws IOException {
        Path base = Path.of(System.getProperty("wattos.evaldata", "../shared/evaldata"), "qa/ragsource-9f1de2f");
        if (!Files.isDirectory(base)) {
            return;
        }
        List<Path> files;
        try (var walk = Files.walk(base)) {
            files = walk.filter(p -> p.getFileName().toString().contains("Hundesteuer")).sorted().toList();
        }
        for (Path file : files) {
            hundesteuer(file, german, chunker, model);
        }
    }

    private static void hundesteuer(Path file, GermanText german, Chunker chunker, EmbeddingModel model) throws IOException {
        PlainTextBlocks.Parsed parsed = PlainTextBlocks.markdown(Files.readString(file));
        List<Chunker.Chunk> chunks = chunker.chunk(parsed.blocks());
        Path dir = Files.createTempDirectory("retrieval-bench-dog");
        UUID tenant = UUID.randomUUID();
        UUID space = UUID.randomUUID();
        try (KnowledgeIndex index = new KnowledgeIndex(dir, german, Map.of("analysis", "bench"))) {
            ChunkSearcher searcher = new ChunkSearcher(index, ranking());
            List<float[]> vectors = model.embed(chunks.stream()
                    .map(c -> ChunkWriter.contextOf(parsed.title(), c.headingPath()) + "\n" + c.text()).toList());
            List<ChunkWriter.ChunkDoc> docs = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                Chunker.Chunk c = chunks.get(i);
                // one "document" per chunk so that ranks are chunk ranks
                docs.add(new ChunkWriter.ChunkDoc(UUID.randomUUID(), UUID.randomUUID(), tenant, space, "bench", "markdown",
                        parsed.title(), null, c.headingPath(), null, c.text(), vectors.get(i), Map.of()));
            }
            ChunkWriter writer = new ChunkWriter(index);
            for (ChunkWriter.ChunkDoc d : docs) {
                writer.replace(d.documentId(), 1, List.of(d), false);
            }
            index.refresh();
            String question = "Wie hoch ist die Hundesteuer für den ersten Hund?";
            float[] qv = model.embed(List.of(question)).getFirst();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-40s %2d chunks, rank of the Steuersatz section:",
                    file.getFileName(), chunks.size()));
            for (SearchMode mode : SearchMode.values()) {
                List<ChunkSearcher.Hit> hits = searcher.search(new ChunkSearcher.Request(tenant, List.of(), Map.of(), question,
                        qv, 10, mode));
                int rank = 0;
                for (int i = 0; i < hits.size(); i++) {
                    if (hits.get(i).headingPath() != null && hits.get(i).headingPath().matches(".*§ ?\\d+ Steuersatz.*")) {
                        rank = i + 1;
                        break;
                    }
                }
                line.append(' ').append(mode.name().toLowerCase(Locale.ROOT)).append('=').append(rank == 0 ? ">10" : rank);
            }
            System.out.println(line);
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package de.wattos.llm.internal.bench;

import de.wattos.WattosApplication;
import de.wattos.llm.LanguageModels;
import de.wattos.llm.ModelException;
import de.wattos.llm.ModelRequest;
import de.wattos.llm.ModelRequest.Grounding;
import de.wattos.llm.ModelRequest.ModelMessage;
import de.wattos.llm.ModelRequest.Passage;
import de.wattos.llm.ModelResponse;
import de.wattos.llm.StreamHandler;
import de.wattos.llm.internal.extractive.ExtractiveAnswerer;
import de.wattos.llm.internal.provider.StoredProvider;
import de.wattos.llm.internal.provider.TenantProviders;
import de.wattos.platform.Ids;
import de.wattos.platform.SecretBox;
import de.wattos.platform.TenantContext;
import de.wattos.platform.TenantRef;
import de.wattos.support.OpenAiStub;
import de.wattos.support.ProviderStub.Answer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./wattos bench llm} (or {@code java -cp target/wattos.jar -Dloader.main=de.wattos.llm.internal.bench.GatewayBenchmark
 * org.springframework.boot.loader.launch.PropertiesLauncher}): prints
 * <ol>
 * <li>the extractive answerer's latency for a typical grounding (a question and eight passages of 600-900 characters);</li>
 * <li>the gateway's overhead per call against a loopback OpenAI-compatible stub: the same request sent raw with the JDK
 * HttpClient versus through {@link LanguageModels} (routing, budget check, PII masking, usage records in the embedded
 * PostgreSQL), blocking and streamed, interleaved so both see the same machine state.</li>
 * </ol>
 * Figures also go to {@code target/llm-gateway-benchmark.txt}. Options: {@code --iterations=N} (default 400).
 */
public final class GatewayBenchmark {

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = 400;
        for (String a : args) {
            if (a.startsWith("--iterations=")) {
                iterations = Integer.parseInt(a.substring("--iterations=".length()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# WattOS LLM gateway benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version());
        extractive(lines);
        gateway(lines, iterations);
        lines.forEach(System.out::println);
        Path out = Path.of("target");
        if (!Files.isDirectory(out)) {
            out = Path.of(System.getProperty("java.io.tmpdir"));
        }
        Files.write(out.resolve("llm-gateway-benchmark.txt"), lines);
        System.out.println("written to " + out.resolve("llm-gateway-benchmark.txt").toAbsolutePath());
        System.exit(0);
    }

    // ------------------------------------------------------------------ extractive

    static Grounding grounding() {
        String filler = " Weitere Auskünfte erteilt die Stadtverwaltung während der Öffnungszeiten; Formulare stehen im "
                + "Bürgerportal zum Herunterladen bereit. Bitte beachten Sie, dass unvollständige Anträge nicht bearbeitet "
                + "werden können und Rückfragen die Bearbeitung verzögern. Die Angaben gelten vorbehaltlich Änderungen "
                + "durch Satzungsbeschlüsse des Gemeinderats.";
        String[][] p = {
            {"Hundesteuer", "Wer in der Gemeinde einen Hund hält, muss ihn innerhalb von zwei Wochen anmelden. Die Hundesteuer "
                + "beträgt für den ersten Hund 96 Euro im Jahr, für jeden weiteren Hund 150 Euro. Für Kampfhunde gilt ein "
                + "erhöhter Steuersatz von 600 Euro. Blindenführhunde sind von der Steuer befreit."},
            {"Hundesteuer ermäßigen", "Eine Ermäßigung der Hundesteuer um die Hälfte können Halter von Hunden beantragen, "
                + "die in Einöden gehalten werden. Der Antrag ist formlos an die Steuerabteilung zu richten."},
            {"Öffnungszeiten Bürgerbüro", "Das Bürgerbüro im Rathaus ist montags bis freitags von 8 bis 12 Uhr geöffnet. "
                + "Donnerstags zusätzlich von 14 bis 18 Uhr. Termine können online vereinbart werden."},
            {"Personalausweis", "Den Personalausweis beantragen Sie persönlich im Bürgerbüro. Mitzubringen sind ein "
                + "biometrisches Passfoto und der alte Ausweis. Die Gebühr beträgt 37 Euro."},
            {"Abfallkalender", "Die Restmülltonne wird alle zwei Wochen geleert, die Biotonne wöchentlich. Sperrmüll kann "
                + "zweimal im Jahr kostenlos angemeldet werden."},
            {"Friedhofssatzung", "Die Ruhezeit für Erdbestattungen beträgt 25 Jahre, für Urnen 15 Jahre. Grabstätten "
                + "werden nur nach Eintritt eines Todesfalls vergeben."},
            {"Kindergartenplatz", "Die Anmeldung für einen Kindergartenplatz erfolgt über das zentrale Vormerkportal. "
                + "Anmeldeschluss für das kommende Kindergartenjahr ist der 31. Januar."},
            {"Hund anmelden", "Die Anmeldung eines Hundes erfolgt mit dem Formular Hundeanmeldung. Nach der Anmeldung "
                + "erhalten Sie eine Hundesteuermarke, die der Hund außerhalb des Hauses sichtbar tragen muss."}};
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            passages.add(new Passage(i + 1, p[i][0], "Bürgerservice > " + p[i][0], p[i][1] + filler));
        }
        return new Grounding("Wie hoch ist die Hundesteuer für meinen zweiten Hund?", passages);
    }

    private static void extractive(List<String> lines) {
        ExtractiveAnswerer answerer = new ExtractiveAnswerer();
        Grounding g = grounding();
        int chars = g.passages().stream().mapToInt(p -> p.text().length()).sum();
        for (int i = 0; i < 3000; i++) {
            answerer.answer(g);
        }
        int n = 5000;
        long[] t = new long[n];
        ExtractiveAnswerer.Answer answer = null;
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            answer = answerer.answer(g);
            t[i] = System.nanoTime() - s;
        }
        lines.add("");
        lines.add("## Extractive answerer: 8 passages, " + chars + " characters, " + n + " runs after warm-up");
        lines.add("latency " + stats(t));
        lines.add("answer: " + answer.text());
    }

    // ------------------------------------------------------------------ gateway

    private static void gateway(List<String> lines, int iterations) throws Exception {
        Path dataDir = Files.createTempDirectory("wattos-bench-llm");
        System.setProperty("wattos.db.fsync", "off");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WattosApplication.class).run(
                "--wattos.data-dir=" + dataDir, "--server.port=0", "--wattos.network.allow-private-networks=true",
                "--logging.level.root=warn", "--wattos.admin.password=bench-admin-password-123");
        try (OpenAiStub stub = new OpenAiStub()) {
            // answers at once, so what is measured is our side of the call
            stub.always(new Answer(List.of("Die ", "Hundesteuer ", "beträgt ", "96 ", "Euro ", "im ", "Jahr. ", "[1]"), 900, 8,
                    "bench"));
            LanguageModels models = app.getBean(LanguageModels.class);
            TenantRef masked = tenant(app, stub, "bench-pii", true);
            TenantRef plain = tenant(app, stub, "bench-plain", false);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Grounding g = grounding();
            StringBuilder prompt = new StringBuilder("Beantworte die Frage nur aus den Quellen. Quellen:\n");
            g.passages().forEach(p -> prompt.append('[').append(p.n()).append("] ").append(p.title()).append(": ")
                    .append(p.text()).append('\n'));
            prompt.append("Kontakt der Bürgerin: anna.beispiel@gmx.de, 0151 23456789.");
            ModelRequest request = new ModelRequest(List.of(new ModelMessage(ModelMessage.Role.SYSTEM, prompt.toString()),
                    new ModelMessage(ModelMessage.Role.USER, g.question())), null, 0.2, 300, g, "bench");
            String rawBody = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"" + g.question()
                    + "\"}],\"stream\":%s}";

            Map<String, long[]> t = new LinkedHashMap<>();
            for (String k : List.of("raw-sync", "gw-sync", "gw-sync-pii", "raw-stream", "gw-stream", "gw-stream-pii")) {
                t.put(k, new long[iterations]);
            }
            for (int round = -100; round < iterations; round++) { // the first 100 rounds warm up
                boolean record = round >= 0;
                int i = Math.max(round, 0);
                long s = System.nanoTime();
                http.send(post(stub, String.format(rawBody, "false")), HttpResponse.BodyHandlers.ofString());
                put(t, "raw-sync", i, s, record);
                s = System.nanoTime();
                TenantContext.callAs(plain, () -> models.complete(request));
                put(t, "gw-sync", i, s, record);
                s = System.nanoTime();
                TenantContext.callAs(masked, () -> models.complete(request));
                put(t, "gw-sync-pii", i, s, record);
                s = System.nanoTime();
                http.send(post(stub, String.format(rawBody, "true")), HttpResponse.BodyHandlers.ofLines()).body()
                        .forEach(line -> { });
                put(t, "raw-stream", i, s, record);
                s = System.nanoTime();
                streamed(models, plain, request);
                put(t, "gw-stream", i, s, record);
                s = System.nanoTime();
                streamed(models, masked, request);
                put(t, "gw-stream-pii", i, s, record);
            }
            lines.add("");
            lines.add("## Gateway overhead against a loopback OpenAI-compatible stub, " + iterations
                    + " interleaved rounds (after 100 warm-up rounds); prompt " + prompt.length() + " characters");
            t.forEach((k, v) -> lines.add(String.format(Locale.ROOT, "%-14s %s", k, stats(v))));
            lines.add(overhead("sync, PII off", t.get("gw-sync"), t.get("raw-sync")));
            lines.add(overhead("sync, PII on", t.get("gw-sync-pii"), t.get("raw-sync")));
            lines.add(overhead("stream, PII off", t.get("gw-stream"), t.get("raw-stream")));
            lines.add(overhead("stream, PII on", t.get("gw-stream-pii"), t.get("raw-stream")));
            lines.add("(overhead = gateway minus raw HTTP per round; includes provider lookup, budget check, masking,"
                    + " JSON, and the usage insert into PostgreSQL)");
        } finally {
            app.close();
        }
    }

    private static TenantRef tenant(ConfigurableApplicationContext app, OpenAiStub stub, String slug, boolean pii) {
        TenantRef ref = new TenantRef(Ids.newId(), slug, "de", ZoneId.of("Europe/Berlin"));
        SecretBox secrets = app.getBean(SecretBox.class);
        TenantProviders providers = app.getBean(TenantProviders.class);
        Instant now = Instant.now();
        TenantContext.runAs(ref, () -> providers.insert(new StoredProvider(Ids.newId(), "loopback", "openai",
                stub.baseUri().toString(), secrets.encrypt("sk-bench"), SecretBox.hint("sk-bench"), null, "bench",
                List.of(), 30, 1, true, pii, now, now)));
        return ref;
    }

    private static HttpRequest post(OpenAiStub stub, String body) {
        return HttpRequest.newBuilder(stub.baseUri().resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer sk-bench")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void streamed(LanguageModels models, TenantRef tenant, ModelRequest request) throws Exception {
        CompletableFuture<ModelResponse> done = new CompletableFuture<>();
        TenantContext.runAs(tenant, () -> models.stream(request, new StreamHandler() {
            @Override
            public void onDelta(String text) {
            }

            @Override
            public void onComplete(ModelResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(ModelException error) {
                done.completeExceptionally(error);
            }
        }));
        done.get(30, TimeUnit.SECONDS);
    }

    private static void put(Map<String, long[]> t, String key, int i, long start, boolean record) {
        if (record) {
            t.get(key)[i] = System.nanoTime() - start;
        }
    }

    private static String overhead(String label, long[] gateway, long[] raw) {
        long[] d = new long[gateway.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = gateway[i] - raw[i];
        }
        return String.format(Locale.ROOT, "overhead %-16s %s", label, stats(d));
    }

    private static String stats(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return String.format(Locale.ROOT, "p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  mean %.3f ms",
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.95)] / 1e6, s[(int) (s.length * 0.99)] / 1e6, mean / 1e6);
    }
}

package de.wattos.knowledge.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knowledge configuration ({@code wattos.knowledge.*}, env {@code WATTOS_KNOWLEDGE_*}).
 *
 * @param workers            embedding threads, and the uploads one tenant may have in work at once; there are twice as
 *                           many upload workers, so one tenant's batch always leaves room for the other tenants
 * @param embeddingSlice     texts embedded in one turn: tenants take turns slice by slice, so a big document holds
 *                           the embedder for one slice at most before another tenant's page is embedded
 * @param maxExtractedChars  text beyond this is cut off (per document)
 * @param extractionTimeout  a parser taking longer is abandoned and the document fails
 * @param chunkTokens        target chunk size in (estimated) tokens
 * @param chunkOverlap       overlap between consecutive chunks of one section, as a fraction
 * @param boilerplateMinDocs  a paragraph seen on at least this many other documents of the same source …
 * @param boilerplateMinShare … and on at least this share of them is boilerplate (dropped before chunking)
 * @param claimLease         how long a worker owns a pending document before another may take it over
 * @param embeddings         the embedding model
 * @param ranking            how search results are ranked ({@code wattos.knowledge.ranking.*}, see {@link Ranking})
 */
@ConfigurationProperties("wattos.knowledge")
public record KnowledgeProperties(
        @DefaultValue("2") int workers,
        @DefaultValue("8") int embeddingSlice,
        @DefaultValue("2000000") int maxExtractedChars,
        @DefaultValue("60s") Duration extractionTimeout,
        @DefaultValue("350") int chunkTokens,
        @DefaultValue("0.15") double chunkOverlap,
        @DefaultValue("3") int boilerplateMinDocs,
        @DefaultValue("0.2") double boilerplateMinShare,
        @DefaultValue("5m") Duration claimLease,
        @DefaultValue Embeddings embeddings,
        @DefaultValue Ranking ranking) {

    /**
     * @param provider  {@code local} (in-process all-MiniLM-L6-v2-q, offline) or {@code openai} (any OpenAI-compatible /embeddings)
     * @param baseUrl   e.g. https://api.openai.com/v1
     * @param model     model name sent to the provider
     * @param apiKey    bearer key (never logged)
     * @param batchSize texts per request / inference batch
     */
    public record Embeddings(
            @DefaultValue("local") String provider,
            @DefaultValue("") String baseUrl,
            @DefaultValue("text-embedding-3-small") String model,
            @DefaultValue("") String apiKey,
            @DefaultValue("32") int batchSize,
            @DefaultValue("30s") Duration timeout) {
    }
}

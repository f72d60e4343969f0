package de.wattos.knowledge.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    /** One embedding model per JVM (the local ONNX model loads once, on first use). */
    @Bean
    EmbeddingModel embeddingModel(KnowledgeProperties props, JsonMapper json) {
        KnowledgeProperties.Embeddings e = props.embeddings();
        if ("openai".equalsIgnoreCase(e.provider())) {
            if (e.baseUrl() == null || e.baseUrl().isBlank()) {
                throw new IllegalStateException("wattos.knowledge.embeddings.base-url is required for provider openai");
            }
            return new OpenAiEmbeddingModel(e.baseUrl(), e.model(), e.apiKey(), e.batchSize(), e.timeout(), json);
        }
        if (!"local".equalsIgnoreCase(e.provider())) {
            throw new IllegalStateException("Unknown wattos.knowledge.embeddings.provider '" + e.provider() + "' (local | openai)");
        }
        return new LocalEmbeddingModel(e.batchSize());
    }

    @Bean(destroyMethod = "close")
    DocumentExtractor documentExtractor(KnowledgeProperties props) {
        return new DocumentExtractor(props.maxExtractedChars(), props.extractionTimeout());
    }

    @Bean
    Chunker chunker(KnowledgeProperties props) {
        return new Chunker(props.chunkTokens(), props.chunkOverlap());
    }
}

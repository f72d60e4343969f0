/**
 * Knowledge spaces, documents, chunks, ingestion, embeddings, search index and retrieval.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Knowledge")
package de.wattos.knowledge;

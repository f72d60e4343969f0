package de.wattos.knowledge;

/** Retrieval over the current tenant's knowledge ({@code TenantContext}); tenant and space filters are inside the query. */
public interface KnowledgeSearch {

    SearchResult search(SearchQuery query);
}

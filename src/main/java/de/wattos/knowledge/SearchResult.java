package de.wattos.knowledge;

import java.util.List;

public record SearchResult(List<SearchHit> hits, long tookMs) {
}

package de.wattos.kb.articles;

import java.util.List;

/**
 * An article version as the Markdown that is indexed and synced. The questions it answers become a heading above the
 * body: indexed with every chunk as its context (so a citizen's wording finds the article), yet never quoted as the
 * answer itself.
 */
final class CuratedMarkdown {

    private CuratedMarkdown() {
    }

    static String of(Articles.Version v) {
        return of(v.title(), v.questions(), v.body());
    }

    static String of(String title, List<String> questions, String body) {
        StringBuilder md = new StringBuilder("# ").append(oneLine(title)).append("\n\n");
        if (questions != null && !questions.isEmpty()) {
            md.append("## ").append(String.join(" · ", questions.stream().map(CuratedMarkdown::oneLine).toList()))
                    .append("\n\n");
        }
        return md.append(body.strip()).append('\n').toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}

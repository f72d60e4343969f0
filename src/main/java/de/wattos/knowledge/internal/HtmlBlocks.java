package de.wattos.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * Turns (X)HTML into structured blocks. For web pages it first strips boilerplate (navigation, header, footer,
 * cookie banners, scripts, forms, hidden parts, skip links, browser notices) and keeps the main content
 * (&lt;main&gt;, role=main, &lt;article&gt;, else the densest text container). Tika's XHTML output (PDF, DOCX, ODT)
 * goes through the same walker without the web clean-up; PDF pages ({@code div.page}) give page numbers.
 */
public final class HtmlBlocks {

    private static final Set<String> INLINE = Set.of("a", "span", "strong", "b", "em", "i", "u", "small", "sub", "sup",
            "abbr", "code", "mark", "time", "label", "cite", "q", "s", "font", "bdi", "bdo", "dfn", "kbd", "samp", "var",
            "wbr", "ins", "del", "data", "img");
    private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "nav", "header", "footer",
            "aside", "dialog", "menu", "link", "meta", "map", "audio", "video", "picture", "head");
    private static final Pattern BOILERPLATE_NAME = Pattern.compile(
            "(^|[-_\\s])(cookie|cookies|consent|gdpr|dsgvo|banner|skip|skiplink|jump|breadcrumbs?|navbar|navigation|nav|"
                    + "menu|megamenu|footer|header|sidebar|social|share|sharing|newsletter|print|modal|popup|overlay|"
                    + "browser|outdated|ie-?warning|iewarn|sr-only|visually-hidden|screen-reader-text|offcanvas|"
                    + "toolbar|topbar|pagination|pager|searchform|search-form|langswitch|language|totop|back-to-top)"
                    + "($|[-_\\s])", Pattern.CASE_INSENSITIVE);
    private static final Pattern BROWSER_NOTICE = Pattern.compile(
            "internet explorer|veralteten browser|browser (ist )?veraltet|outdated browser|javascript (ist )?deaktiviert|"
                    + "aktivieren sie javascript|enable javascript|cookies? (zu )?(akzeptieren|zulassen|verwenden|einsetzen)|"
                    + "wir verwenden cookies|diese (web)?seite verwendet cookies|we use cookies",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SKIP_LINK = Pattern.compile(
            "(zum|zur|direkt zum) (inhalt|hauptinhalt|navigation|seitenanfang|suche)|skip to (content|main|navigation)|"
                    + "springen|nach oben", Pattern.CASE_INSENSITIVE);

    private HtmlBlocks() {
    }

    /** Blocks of a web page's main content; the page title is taken separately by the caller. */
    public static List<Block> mainContent(Document doc) {
        cleanWebPage(doc);
        Element root = pickRoot(doc);
        return walk(root, false);
    }

    /** Blocks of Tika's XHTML output, no boilerplate removal; {@code pages} counts div.page elements. */
    public static List<Block> document(Document doc, boolean pages) {
        Element body = doc.body();
        doc.select("script, style, head").remove();
        return walk(body, pages);
    }

    public static String title(Document doc) {
        Element og = doc.selectFirst("meta[property=og:title]");
        if (og != null && !og.attr("content").isBlank()) {
            return TextNormalizer.normalize(og.attr("content"));
        }
        String title = TextNormalizer.normalize(doc.title());
        if (!title.isEmpty()) {
            return title;
        }
        Element h1 = doc.selectFirst("h1");
        return h1 == null ? null : TextNormalizer.normalize(h1.text());
    }

    static void cleanWebPage(Document doc) {
        for (String tag : DROP_TAGS) {
            doc.select(tag).remove();
        }
        doc.select("[aria-hidden=true], [hidden], [role=navigation], [role=banner], [role=contentinfo], [role=search], "
                + "[role=dialog], [role=alertdialog], [role=menu], [role=menubar], [role=toolbar], [style*=display:none], "
                + "[style*=display: none]").remove();
        // elements named like boilerplate (id or class), unless they hold the main content
        List<Element> named = new ArrayList<>();
        for (Element e : doc.body() == null ? new Elements() : doc.body().getAllElements()) {
            if (e == doc.body() || e.tagName().equals("main") || e.tagName().equals("article")) {
                continue;
            }
            String names = e.id() + " " + e.className();
            if (!names.isBlank() && BOILERPLATE_NAME.matcher(names).find() && e.selectFirst("main, article, [role=main], h1") == null) {
                named.add(e);
            }
        }
        named.forEach(Element::remove);
        // skip links and short browser/cookie notices
        for (Element a : doc.select("a[href^=#]")) {
            if (SKIP_LINK.matcher(a.text()).find()) {
                a.remove();
            }
        }
        List<Element> notices = new ArrayList<>();
        for (Element e : doc.select("p, div, section, span, li, strong")) {
            String text = e.text();
            if (text.length() < 600 && BROWSER_NOTICE.matcher(text).find() && e.selectFirst("h1, main, article") == null) {
                notices.add(e);
            }
        }
        notices.forEach(Element::remove);
    }

    static Element pickRoot(Document doc) {
        Element body = doc.body();
        if (body == null) {
            return doc;
        }
        Element main = doc.selectFirst("main, [role=main]");
        if (main != null && main.text().length() > 40) {
            return main;
        }
        Elements articles = doc.select("article");
        if (articles.size() == 1 && articles.first().text().length() > 40) {
            return articles.first();
        }
        for (String selector : List.of("#content", "#main", "#main-content", "#maincontent", "#inhalt", ".main-content",
                "#page-content", ".content-main")) {
            Element e = doc.selectFirst(selector);
            if (e != null && e.text().length() > 200) {
                return e;
            }
        }
        // text density (Readability-style): each paragraph votes for its parent and, half, for its grandparent
        java.util.Map<Element, Double> scores = new java.util.IdentityHashMap<>();
        for (Element p : body.select("p, pre, td, li, dd")) {
            String text = p.text();
            if (text.length() < 25) {
                continue;
            }
            int linkText = 0;
            for (Element a : p.select("a")) {
                linkText += a.text().length();
            }
            double density = 1.0 - (double) linkText / text.length();
            double vote = (1 + text.length() / 100.0 + text.chars().filter(c -> c == ',' || c == '.').count()) * density;
            Element parent = p.parent();
            if (parent != null) {
                scores.merge(parent, vote, Double::sum);
                if (parent.parent() != null) {
                    scores.merge(parent.parent(), vote / 2, Double::sum);
                }
            }
        }
        // the page's main heading marks the content area
        for (Element h : body.select("h1")) {
            Element parent = h.parent();
            if (parent != null) {
                scores.merge(parent, 3.0, Double::sum);
                if (parent.parent() != null) {
                    scores.merge(parent.parent(), 1.5, Double::sum);
                }
            }
        }
        Element best = body;
        double bestScore = 0;
        for (var entry : scores.entrySet()) {
            if (entry.getValue() > bestScore) {
                best = entry.getKey();
                bestScore = entry.getValue();
            }
        }
        // several comparable content areas side by side: take what holds them all
        for (var entry : scores.entrySet()) {
            Element other = entry.getKey();
            if (entry.getValue() >= bestScore * 0.5 && other != best && !isAncestor(best, other) && !isAncestor(other, best)) {
                best = commonAncestor(best, other);
            }
        }
        // a winner holding only a small part of the page's paragraph text is too narrow: widen to the body
        if (best != body && best.text().length() < body.text().length() * 0.2 && best.text().length() < 500) {
            return body;
        }
        return best;
    }

    private static boolean isAncestor(Element ancestor, Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static Element commonAncestor(Element a, Element b) {
        for (Element p = a; p != null; p = p.parent()) {
            if (p == b || isAncestor(p, b)) {
                return p;
            }
        }
        return a.ownerDocument() == null ? a : a.ownerDocument().body();
    }

    private static List<Block> walk(Element root, boolean pages) {
        Walker w = new Walker(pages);
        w.visit(root);
        w.flush();
        return w.blocks;
    }

    private static final class Walker {
        final List<Block> blocks = new ArrayList<>();
        final StringBuilder buffer = new StringBuilder();
        final boolean pages;
        int page = 0;

        Walker(boolean pages) {
            this.pages = pages;
        }

        Integer page() {
            return pages && page > 0 ? page : null;
        }

        void flush() {
            String text = TextNormalizer.normalize(buffer.toString());
            buffer.setLength(0);
            if (!text.isEmpty()) {
                blocks.add(Block.paragraph(text, page()));
            }
        }

        void emit(Block.Kind kind, int level, String raw) {
            String text = TextNormalizer.normalize(raw);
            if (!text.isEmpty()) {
                blocks.add(new Block(kind, level, text, page()));
            }
        }

        void visit(Element e) {
            String tag = e.tagName().toLowerCase(Locale.ROOT);
            if (pages && tag.equals("div") && e.hasClass("page")) {
                flush();
                page++;
                children(e);
                flush();
                return;
            }
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    flush();
                    emit(Block.Kind.HEADING, tag.charAt(1) - '0', e.text());
                }
                case "table" -> {
                    flush();
                    for (Element tr : e.select("tr")) {
                        if (tr.closest("table") != e) {
                            continue; // nested tables are read with their own rows
                        }
                        List<String> cells = new ArrayList<>();
                        for (Element cell : tr.children()) {
                            String t = TextNormalizer.normalize(cell.text());
                            if (!t.isEmpty()) {
                                cells.add(t);
                            }
                        }
                        if (!cells.isEmpty()) {
                            emit(Block.Kind.TABLE_ROW, 0, String.join(" | ", cells));
                        }
                    }
                    Element caption = e.selectFirst("caption");
                    if (caption != null && caption.closest("table") == e) {
                        emit(Block.Kind.PARAGRAPH, 0, caption.text());
                    }
                }
                case "ul", "ol" -> {
                    flush();
                    for (Element li : e.children()) {
                        if (li.tagName().equals("li")) {
                            listItem(li);
                        } else {
                            visit(li);
                        }
                    }
                }
                case "li" -> listItem(e);
                case "p", "pre", "address", "figcaption", "dt", "dd", "blockquote", "caption" -> {
                    if (e.selectFirst("p, ul, ol, table, h1, h2, h3, h4, h5, h6, div") != null) {
                        flush();
                        children(e);
                        flush();
                    } else {
                        flush();
                        emit(Block.Kind.PARAGRAPH, 0, e.wholeText().isBlank() ? e.text() : text(e));
                    }
                }
                case "br" -> buffer.append(' ');
                case "hr" -> flush();
                default -> {
                    if (INLINE.contains(tag) && e.selectFirst("p, ul, ol, table, div, h1, h2, h3, h4, h5, h6, li") == null) {
                        buffer.append(' ').append(e.text()).append(' ');
                    } else {
                        boolean block = !INLINE.contains(tag);
                        if (block) {
                            flush();
                        }
                        children(e);
                        if (block) {
                            flush();
                        }
                    }
                }
            }
        }

        private static String text(Element e) {
            return e.text();
        }

        void listItem(Element li) {
            flush();
            Elements nested = li.select("> ul, > ol");
            if (nested.isEmpty()) {
                emit(Block.Kind.LIST_ITEM, 0, li.text());
                return;
            }
            Element copy = li.clone();
            copy.select("> ul, > ol").remove();
            emit(Block.Kind.LIST_ITEM, 0, copy.text());
            for (Element list : nested) {
                visit(list);
            }
        }

        void children(Element e) {
            for (Node child : e.childNodes()) {
                if (child instanceof TextNode t) {
                    buffer.append(t.text());
                } else if (child instanceof Element c) {
                    visit(c);
                }
            }
        }
    }
}

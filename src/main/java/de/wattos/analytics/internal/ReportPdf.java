package de.wattos.analytics.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jsoup.nodes.Entities;

/** A report as a printable PDF, laid out as XHTML and rendered by openhtmltopdf (PDFBox). */
final class ReportPdf {

    private ReportPdf() {
    }

    static void write(AnalyticsReport report, ReportLabels labels, OutputStream out) throws IOException {
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(html(report, labels), null);
        builder.toStream(out);
        builder.run();
    }

    static String html(AnalyticsReport report, ReportLabels labels) {
        KpiReport k = report.kpis();
        ZoneId zone = k.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(k.timeZone());
        StringBuilder h = new StringBuilder("""
                <html><head><meta charset="UTF-8"/><style>
                body { font-family: sans-serif; font-size: 10pt; }
                h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14pt; }
                table { border-collapse: collapse; width: 100%; }
                th, td { border-bottom: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; }
                td.n { text-align: right; }
                </style></head><body>""");
        h.append("<h1>").append(esc(labels.text("title", report.tenantName()))).append("</h1>");
        h.append("<p>").append(esc(labels.text("period", labels.date(k.from(), zone),
                labels.date(k.to().minusNanos(1), zone), labels.date(k.previousFrom(), zone)))).append("</p>");

        h.append("<h2>").append(esc(labels.text("section.kpis"))).append("</h2><table><tr><th>")
                .append(esc(labels.text("column.label"))).append("</th><th>")
                .append(esc(labels.text("column.value"))).append("</th><th>")
                .append(esc(labels.text("column.previous"))).append("</th><th>")
                .append(esc(labels.text("column.trend"))).append("</th></tr>");
        for (String name : AnalyticsReport.KPIS) {
            Kpi kpi = k.kpis().get(name);
            if (kpi == null) {
                continue;
            }
            h.append("<tr><td>").append(esc(labels.kpi(name))).append("</td><td class=\"n\">")
                    .append(esc(kpi.value() == null ? labels.text("no_data") : labels.number(kpi.value())))
                    .append("</td><td class=\"n\">").append(esc(labels.number(kpi.previous())))
                    .append("</td><td>").append(esc(labels.trend(kpi.trend()))).append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>").append(esc(labels.text("section.topics"))).append("</h2>");
        table(h, labels, ReportCsv.top(k.topTopics()).stream()
                .map(t -> new String[] {t.term(), labels.number(t.questions())}).toList());
        h.append("<h2>").append(esc(labels.text("section.unanswered"))).append("</h2>");
        table(h, labels, report.unanswered().stream().map(c -> new String[] {
                PiiMask.mask(c.examples().isEmpty() ? c.label() : c.examples().getFirst().question()),
                labels.number(c.questions())}).toList());
        h.append("<h2>").append(esc(labels.text("section.cited_pages"))).append("</h2>");
        table(h, labels, ReportCsv.top(k.topCitedPages()).stream().map(p -> new String[] {
                (p.title() == null || p.title().isBlank() ? "" : p.title() + " – ") + p.url(),
                labels.number(p.citations())}).toList());
        return h.append("</body></html>").toString();
    }

    private static void table(StringBuilder h, ReportLabels labels, java.util.List<String[]> rows) {
        if (rows.isEmpty()) {
            h.append("<p>").append(esc(labels.text("none"))).append("</p>");
            return;
        }
        h.append("<table>");
        for (String[] r : rows) {
            h.append("<tr><td>").append(esc(r[0])).append("</td><td class=\"n\">").append(esc(r[1])).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String esc(String s) {
        return s == null ? "" : Entities.escape(s);
    }
}

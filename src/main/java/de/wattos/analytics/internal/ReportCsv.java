package de.wattos.analytics.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A report as one CSV table (section, key, label, value, previous, trend, change): machine-readable keys next to
 * labels in the request's language; numbers unformatted so spreadsheets compute with them.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    static void write(AnalyticsReport report, ReportLabels labels, OutputStream out) throws IOException {
        var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF'); // spreadsheet programs read UTF-8 only with the byte order mark
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
        try (CSVPrinter csv = new CSVPrinter(writer, format)) {
            csv.printRecord(labels.text("column.section"), labels.text("column.key"), labels.text("column.label"),
                    labels.text("column.value"), labels.text("column.previous"), labels.text("column.trend"),
                    labels.text("column.change"));
            KpiReport k = report.kpis();
            ZoneId zone = k.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(k.timeZone());
            csv.printRecord("period", "from", labels.text("from"), k.from().atZone(zone).toLocalDate(), "", "", "");
            csv.printRecord("period", "to", labels.text("to"),
                    k.to().minusNanos(1).atZone(zone).toLocalDate(), "", "", "");
            for (String name : AnalyticsReport.KPIS) {
                Kpi kpi = k.kpis().get(name);
                if (kpi == null) {
                    continue;
                }
                csv.printRecord("kpi", name, safe(labels.kpi(name)), plain(kpi.value()), plain(kpi.previous()),
                        kpi.trend() == null ? "" : kpi.trend(), plain(kpi.change()));
            }
            for (KpiReport.Topic t : top(k.topTopics())) {
                csv.printRecord("topic", safe(t.term()), safe(t.term()), t.questions(), "", "", "");
            }
            for (UnansweredQuestions.Cluster c : report.unanswered()) {
                String example = c.examples().isEmpty() ? c.label() : c.examples().getFirst().question();
                csv.printRecord("unanswered", safe(c.label()), safe(PiiMask.mask(example)), c.questions(), "", "", "");
            }
            for (KpiReport.CitedPage p : top(k.topCitedPages())) {
                csv.printRecord("cited_page", safe(p.url()), safe(p.title() == null ? p.url() : p.title()),
                        p.citations(), "", "", "");
            }
        }
    }

    static <T> java.util.List<T> top(java.util.List<T> list) {
        return list == null ? java.util.List.of() : list.subList(0, Math.min(AnalyticsReport.TOP, list.size()));
    }

    private static String plain(Number n) {
        return n == null ? "" : n.toString();
    }

    /** Cells a spreadsheet would run as formulas are prefixed (formula injection). */
    private static String safe(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}

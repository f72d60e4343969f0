package de.wattos.analytics.internal;

import de.wattos.platform.TenantContext;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** On-demand period reports of the bound tenant: gathers the figures once and writes them as CSV or PDF. */
@Service
public class Reports {

    private final KpiService kpis;
    private final UnansweredQuestions unanswered;
    private final MessageSource messages;

    Reports(KpiService kpis, UnansweredQuestions unanswered, MessageSource messages) {
        this.kpis = kpis;
        this.unanswered = unanswered;
        this.messages = messages;
    }

    /** Gathers the period's figures; a bad period is refused here (400), before any byte is written. */
    public AnalyticsReport gather(String from, String to) {
        KpiReport figures = kpis.kpis(from, to, "day", null, null, null);
        var clusters = unanswered.clusters(from, to, false).clusters();
        return new AnalyticsReport(TenantContext.current().slug(), figures,
                clusters.subList(0, Math.min(AnalyticsReport.TOP, clusters.size())));
    }

    public void write(AnalyticsReport report, ReportFormat format, Locale locale, OutputStream out) throws IOException {
        ReportLabels labels = new ReportLabels(messages, locale);
        switch (format) {
            case CSV -> ReportCsv.write(report, labels, out);
            case PDF -> ReportPdf.write(report, labels, out);
        }
    }
}

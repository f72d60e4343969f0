package de.wattos.analytics.internal.web;

import de.wattos.analytics.internal.AnalyticsReport;
import de.wattos.analytics.internal.ReportFormat;
import de.wattos.analytics.internal.Reports;
import de.wattos.platform.ApiException;
import de.wattos.platform.TenantContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** On-demand period reports (KPIs with trends and top lists) as CSV or PDF downloads. */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/analytics")
class ReportController {

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/reports")
    void report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
        ReportFormat f;
        try {
            f = ReportFormat.valueOf((format == null ? "pdf" : format).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("format", "analytics.field.report_format");
        }
        AnalyticsReport report = reports.gather(from, to);
        response.setContentType(f.contentType());
        response.setHeader("Content-Disposition", "attachment; filename=\"analytics-"
                + TenantContext.current().slug() + "." + f.extension() + "\"");
        response.setHeader("Cache-Control", "no-store");
        reports.write(report, f, LocaleContextHolder.getLocale(), response.getOutputStream());
    }
}

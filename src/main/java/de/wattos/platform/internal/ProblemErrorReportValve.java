package de.wattos.platform.internal;

import java.io.PrintWriter;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on errors that happen before any servlet runs (a malformed Host header, an over-long request
 * line, an invalid URI): a small problem+json body instead of Tomcat's HTML page. No stack traces, no server info.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String header = request.getHeader("Accept-Language");
        boolean english = header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("en");
        String detail = english ? "The request could not be processed (" + status + ")."
                : "Die Anfrage konnte nicht verarbeitet werden (" + status + ").";
        String code = status == 400 ? "bad_request" : "http_" + status;
        String json = "{\"type\":\"https://wattos.de/problems/" + code.replace('_', '-') + "\",\"title\":\""
                + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (Exception | Error ignored) {
            // nothing more can be said to a client whose request did not even parse
        }
    }
}

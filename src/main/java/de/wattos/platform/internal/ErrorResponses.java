package de.wattos.platform.internal;

import de.wattos.platform.ProblemWriter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors raised outside Spring MVC's handlers also answer problem+json: requests Spring Security's firewall
 * rejects ({@code ;x=1}, {@code %2e}, {@code %25}, {@code /../}), anything that ends in {@code sendError} (the
 * {@code /error} dispatch) and what Tomcat refuses before any servlet runs.
 */
@Configuration(proxyBeanMethods = false)
class ErrorResponses {

    @Bean
    RequestRejectedHandler problemForRejectedRequests(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(request, response, HttpStatus.BAD_REQUEST,
                "request_rejected", "problem.request_rejected", Map.of());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        // ordered last, so Boot's own ErrorReportValve (added by an earlier customizer) is there to be replaced
        return new OrderedCustomizer() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemErrorReportValve());
                    }
                });
            }
        };
    }

    private abstract static class OrderedCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Replaces Boot's error controller: whatever reaches {@code /error} is rendered as problem+json. */
    @Controller
    static class ProblemErrorController implements ErrorController {

        private final ProblemWriter problems;

        ProblemErrorController(ProblemWriter problems) {
            this.problems = problems;
        }

        @RequestMapping("${server.error.path:/error}")
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
            if (status == null || status.value() < 400) {
                status = HttpStatus.INTERNAL_SERVER_ERROR;
            }
            Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            if (exception instanceof RequestRejectedException) {
                problems.write(request, response, HttpStatus.BAD_REQUEST, "request_rejected", "problem.request_rejected", Map.of());
                return;
            }
            String problemCode = switch (status.value()) {
                case 400 -> "bad_request";
                case 401 -> "unauthenticated";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                case 415 -> "unsupported_media_type";
                case 500 -> "internal_error";
                default -> "http_" + status.value();
            };
            problems.write(request, response, status, problemCode, status.getReasonPhrase(), Map.of());
        }
    }
}

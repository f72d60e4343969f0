package de.wattos.platform.internal;

import de.wattos.platform.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request envelopes no endpoint can handle, before any handler sees them, so that every endpoint (also
 * ones added later) behaves the same: a wildcard {@code Content-Type} ({@code *}{@code /*}, {@code application/*};
 * a media range names no format) is 415; a NUL character in the query string or in a JSON body (raw or as
 * {@code \u0000}) is 400, since text containing it cannot be stored and is never meaningful input.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestEnvelopeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    RequestEnvelopeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && isWildcard(contentType)) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "problem.unsupported_media_type.wildcard", Map.of(), contentType);
            return;
        }
        String query = request.getQueryString();
        if (query != null && containsNul(query)) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "nul_character", "NUL character in the request");
            return;
        }
        chain.doFilter(isJson(contentType) ? new NulRefusingRequest(request) : request, response);
    }

    static boolean isWildcard(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim();
        int slash = mediaType.indexOf('/');
        return mediaType.equals("*") || slash >= 0 && (mediaType.substring(0, slash).trim().equals("*")
                || mediaType.substring(slash + 1).trim().startsWith("*"));
    }

    private static boolean containsNul(String query) {
        return query.indexOf('\0') >= 0 || query.toLowerCase(Locale.ROOT).contains("%00");
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static final class NulRefusingRequest extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        NulRefusingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new NulRefusingStream(super.getInputStream());
            }
            return stream;
        }
    }

    /**
     * Scans JSON text as it is read for a raw NUL byte or the escape {@code \u0000}. A backslash starts an escape
     * only after an even number of backslashes, so an escaped backslash followed by "u0000" is ordinary text.
     */
    static final class NulRefusingStream extends ServletInputStream {
        private final ServletInputStream in;
        private int backslashes;
        /** -1: not in a \\u escape; else how many of its hex digits were zero so far. */
        private int escapeZeros = -1;

        NulRefusingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                scan(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                scan(buf[off + i] & 0xff);
            }
            return n;
        }

        private void scan(int b) throws IOException {
            if (b == 0) {
                throw new NulCharacterException();
            }
            if (escapeZeros >= 0) {
                escapeZeros = b == '0' ? escapeZeros + 1 : -1;
                if (escapeZeros == 4) {
                    throw new NulCharacterException();
                }
                return;
            }
            if (b == 'u' && backslashes % 2 == 1) {
                escapeZeros = 0;
                backslashes = 0;
                return;
            }
            backslashes = b == '\\' ? backslashes + 1 : 0;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

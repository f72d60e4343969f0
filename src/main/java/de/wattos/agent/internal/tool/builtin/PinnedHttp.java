package de.wattos.agent.internal.tool.builtin;

import de.wattos.agent.internal.tool.spi.ToolException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange with an address that was resolved and checked before: the socket connects to exactly that
 * address (no second DNS lookup a rebinding name server could answer with an internal address), while the
 * {@code Host} header, TLS server name and certificate check use the URL's host name. The JDK client cannot be told
 * which address to use, hence this small client; {@code Connection: close}, identity encoding, chunked or
 * length-delimited bodies, a byte cap and one deadline for the whole exchange.
 */
final class PinnedHttp {

    record Reply(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private PinnedHttp() {
    }

    static Reply exchange(URI uri, InetAddress address, String method, Map<String, String> headers, byte[] body,
            Duration timeout, int maxBytes) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(timeout.toMillis(), 5000)));
            Socket socket = tls ? secure(plain, uri.getHost(), port) : plain;
            try {
                socket.setSoTimeout(remaining(deadline));
                OutputStream out = socket.getOutputStream();
                out.write(head(uri, port, tls, method, headers, body).getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                String statusLine = line(in, deadline, socket);
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new ToolException("invalid_response", "The service did not answer with HTTP/1.x");
                }
                int status;
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new ToolException("invalid_response", "The service answered with an invalid status line");
                }
                Map<String, String> responseHeaders = new LinkedHashMap<>();
                int headBytes = statusLine.length();
                for (String h; !(h = line(in, deadline, socket)).isEmpty(); ) {
                    headBytes += h.length();
                    if (headBytes > MAX_HEAD_BYTES) {
                        throw new ToolException("invalid_response", "The service's headers are too large");
                    }
                    int colon = h.indexOf(':');
                    if (colon > 0) {
                        responseHeaders.putIfAbsent(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
                    }
                }
                byte[] content = "HEAD".equals(method) || status == 204 || status == 304 || (status >= 300 && status < 400)
                        ? new byte[0] : body(in, responseHeaders, maxBytes, deadline, socket);
                return new Reply(status, responseHeaders, content);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new ToolException("timeout", "The service did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new ToolException("unreachable", "The service could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no TLS", e);
        }
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !Character.isDigit(host.charAt(host.length() - 1))) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static String head(URI uri, int port, boolean tls, String method, Map<String, String> headers, byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        head.append("Connection: close\r\nAccept-Encoding: identity\r\nUser-Agent: WattOS-Agent\r\n");
        headers.forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new ToolException("invalid_header", "A header may not contain line breaks");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("connection") && !lower.equals("content-length")
                    && !lower.equals("transfer-encoding")) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static byte[] body(InputStream in, Map<String, String> headers, int maxBytes, long deadline, Socket socket)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            while (true) {
                String size = line(in, deadline, socket);
                int semicolon = size.indexOf(';');
                long n;
                try {
                    n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new ToolException("invalid_response", "The service sent an invalid chunk");
                }
                if (n == 0) {
                    return out.toByteArray();
                }
                copy(in, out, n, maxBytes, deadline, socket);
                line(in, deadline, socket);
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ToolException("invalid_response", "The service sent an invalid Content-Length");
            }
            copy(in, out, n, maxBytes, deadline, socket);
            return out.toByteArray();
        }
        copy(in, out, Long.MAX_VALUE, maxBytes, deadline, socket);
        return out.toByteArray();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long n, int maxBytes, long deadline, Socket socket)
            throws IOException {
        byte[] buffer = new byte[8192];
        long left = n;
        while (left > 0) {
            socket.setSoTimeout(remaining(deadline));
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new ToolException("invalid_response", "The service closed the connection early");
            }
            out.write(buffer, 0, read);
            left -= read;
            if (out.size() > maxBytes) {
                throw new ToolException("response_too_large", "The answer is larger than " + maxBytes + " bytes");
            }
        }
    }

    private static String line(InputStream in, long deadline, Socket socket) throws IOException {
        socket.setSoTimeout(remaining(deadline));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new ToolException("invalid_response", "The service closed the connection early");
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new ToolException("invalid_response", "The service's headers are too large");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) ms;
    }
}

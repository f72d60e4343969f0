package de.wattos.agent.internal.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP proxy for one MCP session that connects only to the address the SSRF guard checked. The SDK's HTTP
 * client is given this proxy, so it never resolves the MCP server's name itself: {@code https} goes through a
 * {@code CONNECT} tunnel to the pinned address (TLS stays end to end, with the name in SNI and the certificate check),
 * {@code http} requests are passed on in origin form with {@code Connection: close}. Requests for any other host or
 * port are refused (403). Closes with the session.
 */
final class PinnedProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PinnedProxy.class);
    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final InetAddress pinned;
    private final int connectTimeoutMs;
    private volatile boolean closed;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PinnedProxy(String host, int port, InetAddress pinned, int connectTimeoutMs) throws IOException {
        this.host = bare(host);
        this.port = port;
        this.pinned = pinned;
        this.connectTimeoutMs = connectTimeoutMs;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("mcp-pinned-proxy").start(this::accept);
    }

    ProxySelector selector() {
        return ProxySelector.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("mcp-pinned-proxy-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    log.debug("Pinned proxy stopped accepting: {}", e.getClass().getName());
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        open.add(client);
        try (client) {
            client.setSoTimeout(Math.max(connectTimeoutMs, 10_000));
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] request = lines[0].split(" ");
            if (request.length != 3) {
                reply(client, "400 Bad Request");
                return;
            }
            boolean connect = request[0].equalsIgnoreCase("CONNECT");
            String targetHost;
            int targetPort;
            String originForm = null;
            if (connect) {
                int colon = request[1].lastIndexOf(':');
                if (colon < 0) {
                    reply(client, "400 Bad Request");
                    return;
                }
                targetHost = request[1].substring(0, colon);
                targetPort = parsePort(request[1].substring(colon + 1));
            } else {
                URI target;
                try {
                    target = URI.create(request[1]);
                } catch (IllegalArgumentException e) {
                    reply(client, "400 Bad Request");
                    return;
                }
                if (target.getHost() == null || !"http".equalsIgnoreCase(target.getScheme())) {
                    reply(client, "400 Bad Request");
                    return;
                }
                targetHost = target.getHost();
                targetPort = target.getPort() == -1 ? 80 : target.getPort();
                originForm = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            }
            if (!bare(targetHost).equalsIgnoreCase(host) || targetPort != port) {
                reply(client, "403 Forbidden"); // only the checked server, nothing else through this proxy
                return;
            }
            Socket upstream = new Socket();
            open.add(upstream);
            try (upstream) {
                try {
                    upstream.connect(new InetSocketAddress(pinned, port), connectTimeoutMs);
                } catch (IOException e) {
                    reply(client, "502 Bad Gateway");
                    return;
                }
                client.setSoTimeout(0);
                OutputStream up = upstream.getOutputStream();
                if (connect) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } else {
                    StringBuilder rewritten = new StringBuilder(request[0]).append(' ').append(originForm).append(' ')
                            .append(request[2]).append("\r\n");
                    for (int i = 1; i < lines.length; i++) {
                        String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).strip()
                                .toLowerCase(Locale.ROOT) : "";
                        if (!lines[i].isEmpty() && !name.equals("connection") && !name.equals("proxy-connection")
                                && !name.startsWith("proxy-")) {
                            rewritten.append(lines[i]).append("\r\n");
                        }
                    }
                    rewritten.append("Connection: close\r\n\r\n");
                    up.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
                    up.flush();
                }
                Thread toServer = Thread.ofVirtual().start(() -> pipe(in, upstream));
                InputStream down = upstream.getInputStream();
                if (!connect) {
                    // the answer says Connection: close too, so the client never reuses a connection this proxy ends
                    byte[] answer = readHead(down);
                    if (answer == null) {
                        toServer.join();
                        return;
                    }
                    client.getOutputStream().write(closing(answer));
                    client.getOutputStream().flush();
                }
                pipe(down, client);
                toServer.join();
            }
        } catch (IOException e) {
            log.debug("Pinned proxy connection ended: {}", e.getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    /** Copies until the source ends, then ends the sink's sending side. */
    private static void pipe(InputStream from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            OutputStream out = to.getOutputStream();
            for (int n; (n = from.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed: nothing more to pass on
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The request head through its empty line (byte by byte, so nothing of the body is taken), or null. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    /** A response head with its Connection and Keep-Alive headers replaced by {@code Connection: close}. */
    private static byte[] closing(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].contains(":") ? lines[i].substring(0, lines[i].indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
            if (!lines[i].isEmpty() && !name.equals("connection") && !name.equals("keep-alive")) {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void reply(Socket client, String status) throws IOException {
        client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        client.getOutputStream().flush();
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        // the session is over: kept-alive connections and tunnels end with it
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

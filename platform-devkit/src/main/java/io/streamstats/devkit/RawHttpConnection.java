package io.streamstats.devkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection for the load driver's hot path: a request is a few bytes written, a response
 * is read by Content-Length (or chunks). The JDK's HttpClient hands every request through its own threads, which
 * on a two-core machine takes CPU from the service being measured.
 */
final class RawHttpConnection implements AutoCloseable {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final InetAddress localAddress;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    RawHttpConnection(String baseUrl) {
        this(baseUrl, null);
    }

    /** {@code localAddress}: the source address to connect from (e.g. 127.0.0.2 to look like another client). */
    RawHttpConnection(String baseUrl, InetAddress localAddress) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.localAddress = localAddress;
    }

    Response post(String path, String token, String json) throws IOException {
        for (int attempt = 1; ; attempt++) {
            boolean reused = socket != null;
            try {
                send(path, token, json);
                return receive();
            } catch (ClosedBeforeResponse e) {
                // only a reused connection the server had already closed is retried: the request never arrived
                if (!reused || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    /** Writes one request; its response is read by {@link #receive()}. */
    void send(String path, String token, String json) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (json != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("\r\n");
        try {
            connect();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    Response receive() throws IOException {
        try {
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new ClosedBeforeResponse();
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        String header;
        while ((header = line()) != null && !header.isEmpty()) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(length, 64));
        if (chunked) {
            int size;
            while ((size = Integer.parseInt(line().trim(), 16)) > 0) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (length > 0) {
            body.write(in.readNBytes(length));
        }
        if (close) {
            close();
        }
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    /** The server closed the connection without answering. */
    static final class ClosedBeforeResponse extends IOException {
        ClosedBeforeResponse() {
            super("connection closed before a response");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}

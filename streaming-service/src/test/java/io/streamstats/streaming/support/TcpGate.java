package io.streamstats.streaming.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the database that a test can cut: open, it forwards bytes both ways; cut, it closes every
 * connection it carries and every new one as soon as it arrives — to the service it looks like a database that went
 * away (a restart, a partition), while the database itself stays up for the test's own checks.
 */
public final class TcpGate implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean open = true;

    private TcpGate(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-gate-accept").start(this::acceptLoop);
    }

    public static TcpGate start(String upstreamHost, int upstreamPort) {
        try {
            return new TcpGate(upstreamHost, upstreamPort);
        } catch (IOException e) {
            throw new IllegalStateException("TCP gate not started: " + e.getMessage(), e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every carried connection and refuses new ones until {@link #open()}. */
    public void cut() {
        open = false;
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    public void open() {
        open = true;
    }

    public boolean isOpen() {
        return open;
    }

    /** Bytes carried so far, both ways: grows when the service talks to the database through this gate. */
    public long bytesCarried() {
        return bytes.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!open) {
                closeQuietly(client);
                continue;
            }
            Thread.ofVirtual().name("tcp-gate-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 2000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (!open) { // cut while this one was connecting
            cut();
            return;
        }
        Thread.ofVirtual().name("tcp-gate-up").start(() -> pump(client, upstream));
        Thread.ofVirtual().name("tcp-gate-down").start(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // one side closed or the gate cut it: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }

    @Override
    public void close() {
        cut();
        try {
            listener.close();
        } catch (IOException e) {
            // closing is all that is wanted
        }
    }
}

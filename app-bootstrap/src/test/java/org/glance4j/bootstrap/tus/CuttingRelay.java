package org.glance4j.bootstrap.tus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of the server that cuts the connection in the middle of an upload: it forwards every
 * connection, counts the bytes clients send, and when that count passes the next cut point it closes both sides of
 * the connection carrying it, as a dropped network would. Each cut happens once.
 */
final class CuttingRelay implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket listener;
    private final int target;
    private final Deque<Long> cuts;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Relays to {@code targetPort} on the loopback address, cutting after these numbers of client bytes. */
    CuttingRelay(int targetPort, long... cutPoints) throws IOException {
        this.target = targetPort;
        this.cuts = new ArrayDeque<>();
        for (long cut : cutPoints) {
            cuts.add(cut);
        }
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "cutting-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many cuts happened. */
    int cutsDone() {
        return done.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[BUFFER];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (counted && passesCut(n)) {
                                break;
                            }
                            out.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the other side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "cutting-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Counts {@code n} more client bytes; true when they pass the next cut point (which is then used up). */
    private synchronized boolean passesCut(int n) {
        long total = sent.addAndGet(n);
        Long next = cuts.peekFirst();
        if (next != null && total >= next) {
            cuts.removeFirst();
            done.incrementAndGet();
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }
}

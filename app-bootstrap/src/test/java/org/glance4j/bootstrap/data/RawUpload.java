package org.glance4j.bootstrap.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.glance4j.ports.testing.store.GeneratedBytes;

/**
 * An upload over a plain socket, for answers that come before the body is sent (413 for a full store, 503 for a
 * broken one): the body goes out on its own thread, which gives up quietly when the server stops reading, while
 * this thread reads the answer.
 */
final class RawUpload {

    /** Status line code and body of an answer. */
    record Answer(int status, String body) {}

    private RawUpload() {}

    static Answer put(URI base, String imageId, long size, long seed) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/images/" + imageId + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(
                    () -> {
                        try {
                            GeneratedBytes.of(size, seed).transferTo(out);
                            out.flush();
                        } catch (IOException e) {
                            // the server answered early and closed its side; the answer tells why
                        }
                    },
                    "raw-upload-body");
            sender.setDaemon(true);
            sender.start();
            return readAnswer(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long n = Long.parseLong(line(in).strip(), 16); n > 0; n = Long.parseLong(line(in).strip(), 16)) {
                body.write(in.readNBytes((int) n));
                line(in);
            }
        } else {
            body.write(in.readNBytes((int) length));
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the answer ended early: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}

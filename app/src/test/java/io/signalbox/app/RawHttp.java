package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;

/**
 * Sends exactly the bytes of an HTTP/1.1 request over a socket, so tests can send what well-behaved clients refuse
 * to (raw spaces in query strings, no content type, huge bodies).
 */
final class RawHttp {
    private RawHttp() {}

    /** A response's status code and body. */
    record Response(int status, String head, String body) {}

    static Response send(int port, String method, String target, String contentType, byte[] body, List<String> headers)
            throws IOException {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nConnection: close\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may refuse a huge body before reading it all; its answer is still readable
                }
            }
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        String text = bytes.toString(UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split >= 0 ? text.substring(0, split) : text;
        String body = split >= 0 ? text.substring(split + 4) : "";
        return new Response(Integer.parseInt(head.substring(9, 12)), head, body);
    }
}

package io.signalbox.app.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load generator meant to run in its own process, so the load does not share a JVM with the server.
 *
 * <p>It keeps {@code connections} keep-alive connections on one selector thread. In closed-loop mode ({@code
 * rate = 0}) each connection sends its next request as soon as the previous answer arrives, which measures maximum
 * throughput. In open-loop mode requests are scheduled at a fixed rate and each latency is measured from the moment
 * the request was due, not from when a connection was free, so a stalled server shows up in the percentiles instead
 * of slowing the load (no coordinated omission).
 *
 * <p>Usage: {@code LoadGenerator host port method path contentType bodyFile connections warmupSeconds
 * durationSeconds rate [header:value ...]}; prints one JSON object on standard output.
 */
public final class LoadGenerator {
    private final InetSocketAddress address;
    private final byte[] request;
    private final int connections;
    private final long rate;
    private final Histogram latencies = new Histogram(60_000_000_000L, 3);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long completed;
    private long errors;

    private LoadGenerator(InetSocketAddress address, byte[] request, int connections, long rate) {
        this.address = address;
        this.request = request;
        this.connections = connections;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 10) {
            System.err.println("usage: LoadGenerator host port method path contentType bodyFile connections "
                    + "warmupSeconds durationSeconds rate [header:value ...]");
            System.exit(2);
        }
        byte[] body = "-".equals(args[5]) ? new byte[0] : Files.readAllBytes(Path.of(args[5]));
        List<String> headers = new ArrayList<>(List.of(args).subList(10, args.length));
        byte[] request = buildRequest(args[2], args[0] + ":" + args[1], args[3], args[4], body, headers);
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int connections = Integer.parseInt(args[6]);
        long warmupNanos = Long.parseLong(args[7]) * 1_000_000_000L;
        long durationNanos = Long.parseLong(args[8]) * 1_000_000_000L;
        long rate = Long.parseLong(args[9]);

        new LoadGenerator(address, request, connections, rate).run(warmupNanos, false);
        LoadGenerator measured = new LoadGenerator(address, request, connections, rate);
        long elapsed = measured.run(durationNanos, true);
        System.out.println(measured.report(elapsed));
    }

    static byte[] buildRequest(
            String method, String host, String path, String contentType, byte[] body, List<String> headers) {
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nUser-Agent: signalbox-loadgen\r\nConnection: keep-alive\r\n");
        if (body.length > 0 || "POST".equals(method)) {
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(body.length);
            head.append("\r\n");
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            head.append(header, 0, colon)
                    .append(": ")
                    .append(header.substring(colon + 1))
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private long run(long durationNanos, boolean record) throws IOException {
        try (Selector selector = Selector.open()) {
            ArrayDeque<Connection> idle = new ArrayDeque<>();
            for (int i = 0; i < connections; i++) {
                idle.add(open(selector));
            }
            long start = System.nanoTime();
            long end = start + durationNanos;
            long intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
            long nextDue = start;
            ArrayDeque<Long> backlog = new ArrayDeque<>();
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (rate > 0) {
                    while (nextDue <= now) {
                        backlog.add(nextDue);
                        nextDue += intervalNanos;
                    }
                    while (!backlog.isEmpty() && !idle.isEmpty()) {
                        send(idle.poll(), backlog.poll());
                    }
                } else {
                    while (!idle.isEmpty()) {
                        send(idle.poll(), System.nanoTime());
                    }
                }
                long waitMillis = rate > 0 ? Math.max(0, (nextDue - System.nanoTime()) / 1_000_000) : 100;
                selector.select(Math.max(1, Math.min(waitMillis, 100)));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Connection connection = (Connection) key.attachment();
                    if (handle(connection, key, record)) {
                        idle.add(connection.channel.isOpen() ? connection : open(selector));
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            return System.nanoTime() - start;
        }
    }

    private Connection open(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Connection connection = new Connection(channel);
        connection.key = channel.register(selector, 0, connection);
        return connection;
    }

    private void send(Connection connection, long dueNanos) throws IOException {
        connection.dueNanos = dueNanos;
        connection.out = ByteBuffer.wrap(request);
        connection.in.clear();
        connection.channel.write(connection.out);
        connection.key.interestOps(connection.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Returns true when the connection finished a response (or broke) and is free again. */
    private boolean handle(Connection connection, SelectionKey key, boolean record) throws IOException {
        try {
            if (key.isWritable()) {
                connection.channel.write(connection.out);
                if (!connection.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return false;
            }
            if (connection.channel.read(connection.in) < 0) {
                throw new IOException("connection closed by the server");
            }
            int status = connection.completeResponseStatus();
            if (status < 0) {
                return false;
            }
            key.interestOps(0);
            if (record) {
                latencies.recordValue(Math.max(1, System.nanoTime() - connection.dueNanos));
                statuses.merge(status, 1L, Long::sum);
                completed++;
            }
            return true;
        } catch (IOException e) {
            if (record) {
                errors++;
            }
            key.cancel();
            connection.channel.close();
            return true;
        }
    }

    private String report(long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder json = new StringBuilder("{");
        json.append(String.format(
                Locale.ROOT,
                "\"requests\":%d,\"errors\":%d,\"seconds\":%.3f,\"requests_per_second\":%.1f,\"cpu_seconds\":%.3f",
                completed,
                errors,
                seconds,
                completed / seconds,
                ownCpuSeconds()));
        json.append(",\"statuses\":{");
        statuses.forEach((status, count) ->
                json.append('"').append(status).append("\":").append(count).append(','));
        if (!statuses.isEmpty()) {
            json.setLength(json.length() - 1);
        }
        json.append("},\"latency_ms\":{");
        for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
            json.append(String.format(
                    Locale.ROOT,
                    "\"p%s\":%.3f,",
                    percentile == 100 ? "max" : trim(percentile),
                    latencies.getValueAtPercentile(percentile) / 1e6));
        }
        json.setLength(json.length() - 1);
        return json.append("}}").toString();
    }

    /** The CPU time this process has used, warm-up included; 0 where the platform does not tell. */
    private static double ownCpuSeconds() {
        return ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .map(java.time.Duration::toNanos)
                        .orElse(0L)
                / 1e9;
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }

    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out;
        SelectionKey key;
        long dueNanos;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** The status of a fully received response, or -1 while it is incomplete. */
        int completeResponseStatus() throws IOException {
            int length = in.position();
            byte[] data = in.array();
            int headerEnd = -1;
            for (int i = 3; i < length; i++) {
                if (data[i] == '\n' && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r') {
                    headerEnd = i + 1;
                    break;
                }
            }
            if (headerEnd < 0) {
                return -1;
            }
            String head = new String(data, 0, headerEnd, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(head.substring(9, 12));
            String lower = head.toLowerCase(Locale.ROOT);
            int contentLength = lower.indexOf("\ncontent-length:");
            if (contentLength >= 0) {
                int valueStart = contentLength + "\ncontent-length:".length();
                int valueEnd = lower.indexOf('\r', valueStart);
                int bodyLength =
                        Integer.parseInt(lower.substring(valueStart, valueEnd).trim());
                return length >= headerEnd + bodyLength ? status : -1;
            }
            if (lower.contains("\ntransfer-encoding: chunked")) {
                String tail = new String(data, headerEnd, length - headerEnd, StandardCharsets.US_ASCII);
                return tail.endsWith("0\r\n\r\n") ? status : -1;
            }
            if (lower.contains("\nconnection: close")) {
                throw new IOException("server closed the connection");
            }
            return status;
        }
    }
}

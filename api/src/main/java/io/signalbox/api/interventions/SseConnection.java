package io.signalbox.api.interventions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One open server-sent-events response. Writes are serialised; the first failed write (the client went away) closes
 * it. The request's handler waits in {@link #awaitClosed} so the response stays open while events are sent from
 * other threads.
 */
final class SseConnection {
    private final OutputStream out;
    private final CountDownLatch closed = new CountDownLatch(1);

    SseConnection(OutputStream out) {
        this.out = out;
    }

    /** Sends one {@code message} event with the given JSON; returns false when the connection is closed. */
    boolean sendData(String json) {
        return write("data: " + json + "\n\n");
    }

    /** Sends a comment line, which clients ignore: a keep-alive that also detects closed connections. */
    boolean sendComment(String comment) {
        return write(": " + comment + "\n\n");
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    void close() {
        closed.countDown();
    }

    /** Blocks until the connection closes or the time is up; returns whether it closed. */
    boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    private synchronized boolean write(String text) {
        if (isClosed()) {
            return false;
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            close();
            return false;
        }
    }
}

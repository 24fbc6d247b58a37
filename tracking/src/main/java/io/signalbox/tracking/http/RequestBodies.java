package io.signalbox.tracking.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies up to a limit, for every HTTP route that takes one.
 *
 * <p>A body that is refused, because it is over the limit or because the server is overloaded, is still read and
 * thrown away, up to {@link #DRAIN_BYTES}, before the refusal is sent. A server that answers and closes while the
 * client is still sending makes the client's TCP stack see a reset, and most clients then report "connection
 * closed" instead of the 413 or 503 they were sent. Past {@code DRAIN_BYTES} the connection is closed without
 * reading further, so a client cannot make the server read without end.
 */
public final class RequestBodies {
    /** The most of a refused body that is read and discarded before the refusal is sent. */
    public static final long DRAIN_BYTES = 16L << 20;

    private static final int BUFFER_BYTES = 16 * 1024;

    private RequestBodies() {}

    /**
     * The body's bytes, or {@code null} when it is larger than {@code limit} bytes (declared or sent); a larger body
     * is discarded as {@link #discard} does.
     *
     * @throws IOException when the body cannot be read
     */
    public static byte[] readUpTo(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            discard(ctx);
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            // A declared length is read into an array of that size; otherwise into chunks, one byte past the limit.
            int most = (int) Math.min(Integer.MAX_VALUE - 8, declared >= 0 ? declared : limit + 1);
            byte[] bytes = in.readNBytes(most);
            if (bytes.length > limit) {
                skip(in);
                return null;
            }
            return bytes;
        }
    }

    /**
     * Reads a refused request's body, up to {@link #DRAIN_BYTES} and through one small buffer, and forgets it; a body
     * declared larger than that is not read at all.
     */
    public static void discard(Context ctx) {
        if (ctx.req().getContentLengthLong() > DRAIN_BYTES) {
            return;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            skip(in);
        } catch (IOException e) {
            // The client stopped sending; the refusal is still the answer, if it can be delivered at all.
        }
    }

    private static void skip(InputStream in) {
        byte[] buffer = new byte[BUFFER_BYTES];
        long read = 0;
        try {
            int n;
            while (read < DRAIN_BYTES && (n = in.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException e) {
            // As in discard: nothing more to read from a client that has gone.
        }
    }
}

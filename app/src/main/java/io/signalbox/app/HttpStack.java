package io.signalbox.app;

import io.javalin.config.JavalinConfig;

/**
 * The HTTP server settings every Signalbox server shares: the embedded and cluster nodes, and the bare endpoints the
 * benchmarks measure them against, so that a ceiling runs on the same stack as what it bounds.
 */
public final class HttpStack {
    /** Request line plus headers, as the reference collector allows (GET events carry their data in the URL). */
    private static final int MAX_REQUEST_HEAD_BYTES = 40_960;

    /**
     * The buffer Javalin copies each answer through. Unset, it is Jetty's output buffer size, 32 KiB, allocated and
     * zeroed for every answer: for the collector's two-byte {@code ok} that was a tenth of all the node allocated
     * under load. Larger answers take a few more copies, into Jetty's own output buffer, which stays 32 KiB.
     */
    private static final int ANSWER_COPY_BUFFER_BYTES = 4_096;

    private HttpStack() {}

    /** Applies the shared settings: virtual threads, no banner, the address, the head limit and the copy buffer. */
    public static void configure(JavalinConfig config, String host, int port) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.jetty.host = host;
        config.jetty.port = port;
        config.jetty.modifyHttpConfiguration(jetty -> jetty.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES));
        config.http.responseBufferSize = ANSWER_COPY_BUFFER_BYTES;
    }
}

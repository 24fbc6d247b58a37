package io.signalbox.app;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

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

    /**
     * Connections the kernel may hold, handshaken, until the server accepts them. Unset, Jetty asks for the JVM's
     * default of 50: when more clients than that connected at once (256 in {@code OverloadTest}, a load balancer or
     * many browsers after a restart), the kernel dropped the handshakes past it, each such client waited a second for
     * its SYN to be sent again (62 and 100 of 256 in two captures), and now and then one that had already sent its
     * request was reset, which the JDK client reports as "header parser received no bytes". The kernel caps it at
     * {@code net.core.somaxconn} (4,096 on current Linux).
     */
    private static final int ACCEPT_QUEUE_CONNECTIONS = 1_024;

    private HttpStack() {}

    /**
     * Applies the shared settings: virtual threads, no banner, one connector on the address with its accept queue, the
     * head limit and the copy buffer.
     */
    public static void configure(JavalinConfig config, String host, int port) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.jetty.modifyHttpConfiguration(jetty -> jetty.setRequestHeaderSize(MAX_REQUEST_HEAD_BYTES));
        // Javalin builds its own connector, from config.jetty.host and port, only when none is added.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setAcceptQueueSize(ACCEPT_QUEUE_CONNECTIONS);
            return connector;
        });
        config.http.responseBufferSize = ANSWER_COPY_BUFFER_BYTES;
    }
}

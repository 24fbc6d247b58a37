package io.signalbox.app;

import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parts a node opened, kept in a stack so they close in reverse order of opening. */
final class OpenedParts {
    private static final Logger LOG = LoggerFactory.getLogger(OpenedParts.class);

    private OpenedParts() {}

    /** Remembers a part and hands it back. */
    static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes every part, newest first; a part that fails to close is logged and the others still close. */
    static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** An address this process reaches itself at, for a listen address. */
    static String loopback(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    }
}

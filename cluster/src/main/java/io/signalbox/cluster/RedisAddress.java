package io.signalbox.cluster;

import redis.clients.jedis.RedisClient;

/** A Redis server's {@code host:port}. */
record RedisAddress(String host, int port) {

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming the value when it is not one
     */
    static RedisAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("Redis address must be host:port, was '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new RedisAddress(address.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Redis address must be host:port with a port within 1..65535, was '" + address + "'");
        }
    }

    /** A pooled client; each call borrows a connection. */
    RedisClient client() {
        return RedisClient.create(host, port);
    }
}

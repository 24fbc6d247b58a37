package io.signalbox.api;

import io.javalin.router.JavalinDefaultRoutingApi;

/** One group of API routes, such as the registry's. */
public interface ApiRoutes {

    /** Adds the group's routes; paths start with {@link SignalsApi#PREFIX}. */
    void addRoutes(JavalinDefaultRoutingApi routes);
}

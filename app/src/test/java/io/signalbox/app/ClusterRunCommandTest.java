package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code signalbox run --cluster} from the command line, in its own JVM: it serves collected events' values from
 * Redis; killed with SIGKILL and started again, it keeps what was acknowledged and counts on.
 */
class ClusterRunCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldServeCollectedEventsAndKeepThemAcrossASigkill() throws Exception {
        String namespace = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = UUID.randomUUID().toString();
        Path log = dir.resolve("node.log");
        String[] cluster = {
            "--cluster",
            "--kafka",
            LocalKafka.shared().bootstrap(),
            "--redis",
            LocalRedis.shared().address(),
            "--namespace",
            namespace,
            "--partitions",
            "2",
            "--definitions",
            Clients.root().resolve("definitions").toString()
        };

        int port = ChildNode.freePort();
        ChildNode first = ChildNode.start(dir.resolve("data"), port, log, cluster);
        ApiClient api = new ApiClient(first.baseUrl(), TestNode.API_KEY);
        api.pageViews(visitor, "https://www.acme.io/pricing", 3);
        assertThat(awaitPricingViews(api, visitor, 3)).isEqualTo(3);
        first.kill();

        ChildNode second = ChildNode.start(dir.resolve("data"), port, log, cluster);
        try {
            api.pageViews(visitor, "https://www.acme.io/pricing", 2);
            assertThat(awaitPricingViews(api, visitor, 5))
                    .as("counted once across the SIGKILL")
                    .isEqualTo(5);
        } finally {
            second.close();
        }
    }

    /** Polls the API until the visitor's pricing views reach {@code expected} or 60 s pass; returns the last value. */
    private static int awaitPricingViews(ApiClient api, String visitor, int expected) throws InterruptedException {
        String request = "{\"attributes\":[\"prospect_scoring_tutorial_v1:num_pricing_views\"],\"attribute_keys\":"
                + "{\"domain_userid\":[\"" + visitor + "\"]}}";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            ApiClient.Answer answer = api.post("/api/v1/get-online-attributes", request);
            JsonNode value = answer.status() == 200
                    ? answer.body().get("num_pricing_views").get(0)
                    : null;
            last = value == null || value.isNull() ? -1 : value.asInt();
            if (last >= expected) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}

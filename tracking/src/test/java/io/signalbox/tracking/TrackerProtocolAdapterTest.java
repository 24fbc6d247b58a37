package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerProtocolAdapterTest {
    private final TrackerProtocolAdapter adapter = new TrackerProtocolAdapter(
            IgluResolver.create(EnricherConfig.Iglu.defaults(), Requests.CLOCK),
            BadRows.of(EnricherConfig.defaults(), Requests.CLOCK));

    @Test
    void shouldAcceptJsonContentTypesWhateverTheirSpelling() {
        assertThat(TrackerProtocolAdapter.normaliseContentType("application/json"))
                .isEqualTo("application/json");
        assertThat(TrackerProtocolAdapter.normaliseContentType("application/json; charset=UTF-8"))
                .isEqualTo("application/json; charset=utf-8");
        assertThat(TrackerProtocolAdapter.normaliseContentType("Application/JSON;charset=\"utf-8\""))
                .isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void shouldRefuseOtherContentTypes() {
        assertThat(TrackerProtocolAdapter.normaliseContentType(null)).isNull();
        assertThat(TrackerProtocolAdapter.normaliseContentType("text/plain")).isNull();
        assertThat(TrackerProtocolAdapter.normaliseContentType("application/json; charset=iso-8859-1"))
                .isNull();
        assertThat(TrackerProtocolAdapter.normaliseContentType("application/json; charset=utf-8; x=y"))
                .isNull();
        assertThat(TrackerProtocolAdapter.normaliseContentType("application/jsonp"))
                .isNull();
    }

    @Test
    void shouldSplitABatchAndMergeQueryParametersIntoEveryEvent() {
        String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + "{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js\",\"aid\":\"a\"},{\"e\":\"pp\",\"p\":\"web\",\"tv\":\"js\"}]}";
        CollectorPayload payload =
                Requests.request("POST", Requests.POST_PATH, "aid=q&nuid=n", "application/json", body, List.of());

        TrackerProtocolAdapter.Adapted adapted = adapter.adapt(payload);

        assertThat(adapted).isInstanceOf(TrackerProtocolAdapter.Events.class);
        List<Map<String, String>> events = ((TrackerProtocolAdapter.Events) adapted).events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .containsEntry("aid", "q")
                .containsEntry("e", "pv")
                .containsEntry("nuid", "n");
        assertThat(events.get(1)).containsEntry("aid", "q").containsEntry("e", "pp");
    }

    @Test
    void shouldReadAGetToTp2FromTheQueryString() {
        TrackerProtocolAdapter.Adapted adapted =
                adapter.adapt(Requests.get(Requests.POST_PATH, "e=pv&aid=one&aid=two"));

        assertThat(((TrackerProtocolAdapter.Events) adapted).events()).containsExactly(Map.of("e", "pv", "aid", "two"));
    }

    @Test
    void shouldAcceptEveryPayloadDataRevision() {
        for (String version : List.of("1-0-0", "1-0-1", "1-0-2", "1-0-3", "1-0-4")) {
            String body = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/" + version
                    + "\",\"data\":[{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js\"}]}";

            assertThat(adapter.adapt(Requests.post(body))).isInstanceOf(TrackerProtocolAdapter.Events.class);
        }
    }
}

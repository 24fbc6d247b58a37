package io.signalbox.attributes.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.oracle.SampleEvents;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the tutorial's sample export through the three-counter tutorial group and checks the counts against plain
 * SQL over the file and plain Java counting, both for lifetime values and for the point-in-time training frame the
 * tutorial describes (3,539 rows, 384 positive).
 */
class TutorialSampleTest {
    static List<EnrichedEvent> events;
    static CompiledGroup group;
    static Path file;

    @BeforeAll
    static void load() throws Exception {
        file = SampleEvents.defaultPath();
        events = SampleEvents.events(file);
        Path root = Path.of(System.getProperty("signalbox.root", ".."));
        Definitions definitions = DefinitionParser.parseDocument(
                Files.readString(root.resolve("definitions/prospect_scoring_tutorial.json")));
        AttributeGroupDefinition tutorial = definitions.attributeGroup("prospect_scoring_tutorial", 1);
        group = CompiledGroup.compile(tutorial, definitions.resolveKey(tutorial));
    }

    @Test
    void shouldCountEveryUsersPageViewsAsSqlAndPlainCountingDo() throws Exception {
        Map<String, ProfileState> states = new HashMap<>();
        for (EnrichedEvent event : events) {
            String key = group.keyOf(event);
            if (key != null && group.isRelevant(event)) {
                group.apply(states.computeIfAbsent(key, k -> group.newState()), event);
            }
        }
        Instant end = Instant.parse("2025-06-01T00:00:00Z");
        Map<String, List<Long>> sql = sqlCounts("""
                SELECT DOMAIN_USERID,
                       count(*) FILTER (WHERE pv),
                       count(*) FILTER (WHERE pv AND PAGE_URL LIKE '%pricing%'),
                       count(*) FILTER (WHERE pv AND PAGE_URL LIKE '%customers%')
                FROM (SELECT *, EVENT_VENDOR = 'com.snowplowanalytics.snowplow' AND EVENT_NAME = 'page_view'
                                AND EVENT_VERSION = '1-0-0' AS pv FROM sample)
                WHERE DOMAIN_USERID IS NOT NULL GROUP BY DOMAIN_USERID""");
        Map<String, List<Long>> plain = new HashMap<>();
        for (EnrichedEvent event : events) {
            List<Long> counts = plain.computeIfAbsent(event.domainUserid(), k -> new ArrayList<>(List.of(0L, 0L, 0L)));
            if (isPageView(event)) {
                counts.set(0, counts.get(0) + 1);
                counts.set(1, counts.get(1) + (event.pageUrl().contains("pricing") ? 1 : 0));
                counts.set(2, counts.get(2) + (event.pageUrl().contains("customers") ? 1 : 0));
            }
        }

        assertThat(sql).hasSize(804).isEqualTo(plain);
        for (Map.Entry<String, List<Long>> user : sql.entrySet()) {
            assertThat(counts(states.getOrDefault(user.getKey(), group.newState()), end))
                    .as(user.getKey())
                    .isEqualTo(user.getValue());
        }
        assertThat(sql.values().stream().mapToLong(c -> c.get(1)).sum()).isPositive();
    }

    @Test
    void shouldGiveTheTrainingFramePointInTimeCountsOfPageViewsStrictlyBefore() throws Exception {
        List<EnrichedEvent> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparing(EnrichedEvent::derivedTstamp));
        Map<String, ProfileState> states = new HashMap<>();
        Map<String, List<Long>> features = new HashMap<>();
        for (EnrichedEvent event : byTime) {
            String key = group.keyOf(event);
            if (key == null) {
                continue;
            }
            ProfileState state = states.computeIfAbsent(key, k -> group.newState());
            features.put(event.eventId(), counts(state, event.derivedTstamp().minusMillis(1)));
            group.apply(state, event);
        }
        Map<String, List<Long>> sql = sqlCounts("""
                WITH ev AS (SELECT EVENT_ID AS id, DOMAIN_USERID AS u, CAST(DERIVED_TSTAMP AS TIMESTAMP) AS t,
                                   EVENT_NAME AS n, APP_ID AS app, PAGE_URL AS url,
                                   EVENT_VENDOR = 'com.snowplowanalytics.snowplow' AND EVENT_NAME = 'page_view'
                                       AND EVENT_VERSION = '1-0-0' AS pv
                            FROM sample WHERE DOMAIN_USERID IS NOT NULL)
                SELECT id,
                       (SELECT count(*) FROM ev b WHERE b.u = ev.u AND b.pv AND b.t < ev.t),
                       (SELECT count(*) FROM ev b WHERE b.u = ev.u AND b.pv AND b.t < ev.t AND b.url LIKE '%pricing%'),
                       (SELECT count(*) FROM ev b WHERE b.u = ev.u AND b.pv AND b.t < ev.t AND b.url LIKE '%customers%')
                FROM ev WHERE app = 'website' AND n IN ('page_view', 'submit_form')""");
        Frame frame = frame(byTime);

        assertThat(frame.rows()).hasSize(3_539);
        assertThat(frame.positives()).isEqualTo(384);
        for (String id : frame.rows()) {
            assertThat(features.get(id)).as(id).isEqualTo(sql.get(id));
        }
    }

    private record Frame(List<String> rows, int positives) {}

    /** The tutorial's training frame: website page views and form submits before the user's first submit. */
    private static Frame frame(List<EnrichedEvent> byTime) {
        Map<String, Instant> firstSubmit = new HashMap<>();
        Map<String, List<Instant>> submits = new HashMap<>();
        for (EnrichedEvent event : byTime) {
            if (inFrame(event) && event.eventName().equals("submit_form")) {
                firstSubmit.putIfAbsent(event.domainUserid(), event.derivedTstamp());
                submits.computeIfAbsent(event.domainUserid(), k -> new ArrayList<>())
                        .add(event.derivedTstamp());
            }
        }
        List<String> rows = new ArrayList<>();
        int positives = 0;
        for (EnrichedEvent event : byTime) {
            Instant first = firstSubmit.get(event.domainUserid());
            if (!inFrame(event) || (first != null && !event.derivedTstamp().isBefore(first))) {
                continue;
            }
            rows.add(event.eventId());
            Instant t = event.derivedTstamp();
            boolean positive = submits.getOrDefault(event.domainUserid(), List.of()).stream()
                    .anyMatch(s -> s.isAfter(t) && !s.isAfter(t.plus(Duration.ofHours(1))));
            positives += positive ? 1 : 0;
        }
        return new Frame(rows, positives);
    }

    private static boolean inFrame(EnrichedEvent event) {
        return "website".equals(event.appId())
                && event.domainUserid() != null
                && ("page_view".equals(event.eventName()) || "submit_form".equals(event.eventName()));
    }

    private static boolean isPageView(EnrichedEvent event) {
        return "com.snowplowanalytics.snowplow".equals(event.eventVendor())
                && "page_view".equals(event.eventName())
                && "1-0-0".equals(event.eventVersion());
    }

    private static List<Long> counts(ProfileState state, Instant asOf) {
        Map<String, Object> values = group.values(state, asOf);
        return List.of(
                ((Integer) values.get("num_page_views")).longValue(),
                ((Integer) values.get("num_pricing_views")).longValue(),
                ((Integer) values.get("num_customers_views")).longValue());
    }

    /** Runs SQL over the file itself (DuckDB's CSV reader) and returns first column &rarr; the next three. */
    private static Map<String, List<Long>> sqlCounts(String sql) throws Exception {
        Map<String, List<Long>> result = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIEW sample AS SELECT * FROM read_csv('"
                    + file.toAbsolutePath().toString().replace("'", "''") + "', header = true, all_varchar = true)");
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    result.put(rows.getString(1), List.of(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return result;
    }
}

package io.signalbox.app.bench;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A stream for the twenty-attribute prospect-scoring group: 30 days of visits by a population of browsers, with
 * page views carrying a derived YAUAA entity, page pings, form events and media events, in time order with a few
 * seconds of jitter.
 */
final class EngineWorkload {
    private static final String SNOWPLOW = "com.snowplowanalytics.snowplow";

    private EngineWorkload() {}

    /** The {@code prospect_scoring} v1 group of the project's definitions, compiled. */
    static CompiledGroup prospectScoringGroup() throws java.io.IOException {
        Definitions definitions = DefinitionParser.parseDocument(java.nio.file.Files.readString(java.nio.file.Path.of(
                System.getProperty("signalbox.root", "."), "definitions", "prospect_scoring.json")));
        AttributeGroupDefinition group = definitions.attributeGroup("prospect_scoring", 1);
        return CompiledGroup.compile(group, definitions.resolveKey(group));
    }

    /** Visits of {@code keys} browsers over 30 days, in time order with a few seconds of jitter. */
    static List<EnrichedEvent> stream(int eventCount, int keyCount, Random random) {
        Instant start = Instant.parse("2025-04-01T00:00:00Z");
        long span = Duration.ofDays(30).toMillis();
        List<SelfDescribingData> devices = new ArrayList<>();
        for (String deviceClass : List.of("Desktop", "Phone", "Tablet")) {
            devices.add(new SelfDescribingData(
                    SchemaKey.parse("iglu:nl.basjes/yauaa_context/jsonschema/1-0-5"),
                    Json.parse("{\"deviceClass\":\"" + deviceClass + "\",\"agentName\":\"Chrome\","
                            + "\"operatingSystemName\":\"Mac OS\",\"layoutEngineName\":\"Blink\"}")));
        }
        String[] urls = {
            "https://acme.io/",
            "https://acme.io/pricing",
            "https://acme.io/customers",
            "https://acme.io/blog/a",
            "https://acme.io/docs",
            "https://acme.io/features"
        };
        String[] apps = {"website", "docs"};
        String[] mediums = {null, "search", "social", "email", "internal"};
        String[] campaigns = {null, null, "spring", "launch", "webinar"};
        String[] keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        }
        List<long[]> visits = new ArrayList<>();
        int planned = 0;
        while (planned < eventCount) {
            int events = 5 + random.nextInt(40);
            visits.add(new long[] {
                start.toEpochMilli() + (long) (random.nextDouble() * span), random.nextInt(keyCount), events
            });
            planned += events;
        }
        List<EnrichedEvent> events = new ArrayList<>(eventCount);
        List<Long> times = new ArrayList<>(eventCount);
        for (long[] visit : visits) {
            String key = keys[(int) visit[1]];
            String session = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            SelfDescribingData device = devices.get((int) (visit[1] % devices.size()));
            String medium = mediums[random.nextInt(mediums.length)];
            String campaign = campaigns[random.nextInt(campaigns.length)];
            long time = visit[0];
            for (int i = 0; i < visit[2] && events.size() < eventCount; i++) {
                time += 1_000 + random.nextInt(30_000);
                EnrichedEvent event = new EnrichedEvent()
                        .set(AtomicField.APP_ID, apps[random.nextInt(apps.length)])
                        .set(AtomicField.DOMAIN_USERID, key)
                        .set(AtomicField.DOMAIN_SESSIONID, session)
                        .set(AtomicField.DERIVED_TSTAMP, Instant.ofEpochMilli(time))
                        .set(AtomicField.COLLECTOR_TSTAMP, Instant.ofEpochMilli(time))
                        .set(AtomicField.PAGE_URL, urls[random.nextInt(urls.length)])
                        .set(AtomicField.REFR_MEDIUM, medium)
                        .set(AtomicField.MKT_MEDIUM, medium)
                        .set(AtomicField.MKT_CAMPAIGN, campaign);
                kind(event, random.nextInt(100), device);
                events.add(event);
                times.add(time + random.nextInt(5_000));
            }
        }
        Integer[] order = new Integer[events.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(times.get(a), times.get(b)));
        List<EnrichedEvent> sorted = new ArrayList<>(events.size());
        for (Integer index : order) {
            sorted.add(events.get(index));
        }
        return sorted;
    }

    private static void kind(EnrichedEvent event, int roll, SelfDescribingData device) {
        if (roll < 30) {
            name(event, "page_view", SNOWPLOW, "page_view");
            event.setDerivedContexts(List.of(device));
        } else if (roll < 75) {
            name(event, "page_ping", SNOWPLOW, "page_ping");
        } else if (roll < 80) {
            name(event, "unstruct", SNOWPLOW, "focus_form");
        } else if (roll < 85) {
            name(event, "unstruct", SNOWPLOW, "change_form");
        } else if (roll < 87) {
            name(event, "unstruct", SNOWPLOW, "submit_form");
        } else if (roll < 97) {
            name(event, "unstruct", SNOWPLOW + ".media", roll < 92 ? "play_event" : "ping_event");
        } else {
            name(event, "struct", "com.google.analytics", "event");
        }
    }

    private static void name(EnrichedEvent event, String kind, String vendor, String name) {
        event.set(AtomicField.EVENT, kind)
                .set(AtomicField.EVENT_VENDOR, vendor)
                .set(AtomicField.EVENT_NAME, name)
                .set(AtomicField.EVENT_VERSION, "1-0-0");
    }
}

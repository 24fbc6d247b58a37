package io.signalbox.attributes;

import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Throughput of the pure core on one thread, with the twenty-attribute {@code prospect_scoring} group: events
 * applied per second, the cost of encoding and decoding a profile, and the size of encoded profiles. Not a test; run
 * with {@code java -cp <test classpath> io.signalbox.attributes.CoreBenchmark [events] [keys]}.
 *
 * <p>The stream is 30 days of visits by {@code keys} browsers: page views with a derived YAUAA entity, page pings,
 * form events and media events, in time order with a few seconds of jitter. "apply" times {@code keyOf}, the state
 * lookup and {@code apply} on events whose JSON is already parsed; "apply from TSV" adds reading each event from its
 * enriched TSV line, including the lazy parse of its JSON columns, as the live processor would.
 */
public final class CoreBenchmark {
    private static final String SNOWPLOW = "com.snowplowanalytics.snowplow";

    private CoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int eventCount = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int keyCount = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path root = Path.of(System.getProperty("signalbox.root", "."));
        Definitions definitions =
                DefinitionParser.parseDocument(Files.readString(root.resolve("definitions/prospect_scoring.json")));
        AttributeGroupDefinition definition = definitions.attributeGroup("prospect_scoring", 1);
        CompiledGroup group = CompiledGroup.compile(definition, definitions.resolveKey(definition));

        List<EnrichedEvent> events = stream(eventCount, keyCount, new Random(42));
        List<String> lines = events.stream().map(EnrichedTsv::format).toList();
        System.out.printf(
                "group %s: %d attributes; %d events, %d keys, 30 days%n",
                definition.fullName(), definition.attributes().size(), events.size(), keyCount);

        Map<String, ProfileState> states = null;
        double[] rates = new double[5];
        for (int round = -3; round < rates.length; round++) {
            long started = System.nanoTime();
            states = applyAll(group, events);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round >= 0) {
                rates[round] = events.size() / seconds;
            }
        }
        report("apply", rates);

        for (int round = -2; round < 3; round++) {
            long started = System.nanoTime();
            applyLines(group, lines);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round >= 0) {
                rates[round] = events.size() / seconds;
            }
        }
        report("apply from TSV", Arrays.copyOf(rates, 3));

        measureCodec(group, states);
    }

    private static Map<String, ProfileState> applyAll(CompiledGroup group, List<EnrichedEvent> events) {
        Map<String, ProfileState> states = new HashMap<>();
        for (EnrichedEvent event : events) {
            String key = group.keyOf(event);
            if (key == null) {
                continue;
            }
            ProfileState state = states.get(key);
            if (state == null) {
                state = group.newState();
                states.put(key, state);
            }
            group.apply(state, event);
        }
        return states;
    }

    private static Map<String, ProfileState> applyLines(CompiledGroup group, List<String> lines) {
        Map<String, ProfileState> states = new HashMap<>();
        for (String line : lines) {
            EnrichedEvent event = EnrichedTsv.parse(line);
            String key = group.keyOf(event);
            if (key != null) {
                group.apply(states.computeIfAbsent(key, k -> group.newState()), event);
            }
        }
        return states;
    }

    private static void report(String what, double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-16s median %,.0f events/s (best %,.0f, worst %,.0f)%n",
                what, sorted[sorted.length / 2], sorted[sorted.length - 1], sorted[0]);
    }

    private static void measureCodec(CompiledGroup group, Map<String, ProfileState> states) {
        List<ProfileState> profiles = new ArrayList<>(states.values());
        List<byte[]> encoded = new ArrayList<>(profiles.size());
        long encodeNanos = Long.MAX_VALUE;
        long decodeNanos = Long.MAX_VALUE;
        long readNanos = Long.MAX_VALUE;
        Instant asOf = Instant.parse("2025-05-01T00:00:00Z");
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            encoded.clear();
            long started = System.nanoTime();
            for (ProfileState profile : profiles) {
                encoded.add(group.encode(profile));
            }
            encodeNanos = Math.min(encodeNanos, System.nanoTime() - started);
            started = System.nanoTime();
            for (byte[] bytes : encoded) {
                sink += group.decode(bytes).isEmpty() ? 0 : 1;
            }
            decodeNanos = Math.min(decodeNanos, System.nanoTime() - started);
            started = System.nanoTime();
            for (ProfileState profile : profiles) {
                sink += group.values(profile, asOf).size();
            }
            readNanos = Math.min(readNanos, System.nanoTime() - started);
        }
        int[] sizes = encoded.stream().mapToInt(bytes -> bytes.length).sorted().toArray();
        double mean = Arrays.stream(sizes).average().orElse(0);
        System.out.printf("encode           %,.2f µs per profile%n", encodeNanos / 1e3 / profiles.size());
        System.out.printf("decode           %,.2f µs per profile%n", decodeNanos / 1e3 / profiles.size());
        System.out.printf("values (read)    %,.2f µs per profile%n", readNanos / 1e3 / profiles.size());
        System.out.printf(
                "encoded profile  mean %,.0f bytes, median %d, p99 %d, max %d (%d profiles)%n",
                mean,
                sizes[sizes.length / 2],
                sizes[(int) (sizes.length * 0.99)],
                sizes[sizes.length - 1],
                sizes.length);
        if (sink == 42) {
            System.out.println();
        }
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

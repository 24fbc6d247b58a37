package io.signalbox.attributes.oracle;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random streams of enriched events, in arrival order, for oracle tests of the attribute engine.
 *
 * <p>Each user makes visits (sessions) of up to {@code maxEventsPerVisit} events a few seconds to three minutes
 * apart: page views, page pings, form events, media events, structured events and two custom self-describing events
 * ({@code com.acme/checkout} 1-0-0, 1-0-1 and 2-0-0, {@code com.acme/search} 1-0-0). Events carry a {@code
 * com.acme/user} entity (sometimes two, sometimes a 2-0-0 one) and a derived {@code nl.basjes/yauaa_context}. About
 * one event in twenty shares its time with the previous one. Values come from the small domains below, so that
 * criteria match some events and not others.
 *
 * <p><b>Arrival order.</b> The first event of a visit arrives at its event time; each later one after a random delay
 * (often a few seconds, sometimes up to {@code maxDelay}), so events of a visit arrive out of order. Visits of a user
 * are at least {@code maxDelay} + 15 minutes apart, so a visit has fully arrived before the user's next visit
 * starts: late events never cross visits, which keeps TTL runs unambiguous (see the core's LifetimeSlot). With
 * {@code veryLateFraction > 0}, that fraction of events instead arrives up to two days late, across visits.
 *
 * <p>Events are written to the enriched TSV and read back, so their JSON columns are parsed lazily as in production.
 */
public final class RandomStreams {
    public static final String HOST = "https://acme.io";
    public static final List<String> APPS = List.of("website", "docs", "shop");
    public static final List<String> PATHS = List.of(
            "/",
            "/pricing",
            "/pricing/team",
            "/customers",
            "/customers/acme",
            "/blog/ai",
            "/blog/tsv",
            "/docs/start",
            "/docs/api",
            "/contact",
            "/features");
    public static final List<String> REFR_MEDIUMS = nullable("search", "social", "email", "internal", "unknown");
    public static final List<String> MKT_MEDIUMS = nullable("cpc", "email", "social");
    public static final List<String> CAMPAIGNS = nullable("spring", "launch", "retarget", "webinar");
    public static final List<String> COUNTRIES = List.of("GB", "US", "DE", "FR", "NL");
    public static final List<Integer> VIEW_WIDTHS = List.of(360, 768, 800, 1024, 1280, 1440, 1920);
    public static final List<String> TIERS = List.of("gold", "silver", "bronze");
    public static final List<String> TAGS = List.of("vip", "trial", "beta", "churned");
    public static final List<String> DEVICE_CLASSES = List.of("Desktop", "Phone", "Tablet");
    public static final List<String> SKUS = List.of("sku1", "sku2", "sku3", "sku4", "sku5", "sku6");
    public static final List<String> QUERIES = List.of("pricing", "sso", "api", "export");

    static final String SNOWPLOW = "com.snowplowanalytics.snowplow";
    static final String MEDIA = "com.snowplowanalytics.snowplow.media";
    private static final java.time.format.DateTimeFormatter ISO_MILLIS = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * What to generate.
     *
     * @param seed the random seed; the same config gives the same stream
     * @param users how many users (domain_userid values)
     * @param maxVisitsPerUser visits per user, 1 to this
     * @param maxEventsPerVisit events per visit, 1 to this
     * @param start the earliest visit start
     * @param span the time over which visit starts spread
     * @param maxDelay the longest arrival delay within a visit
     * @param veryLateFraction the fraction of events that arrive up to two days late instead
     */
    public record Config(
            long seed,
            int users,
            int maxVisitsPerUser,
            int maxEventsPerVisit,
            Instant start,
            Duration span,
            Duration maxDelay,
            double veryLateFraction) {

        /** About 14,000 events of 300 users over six days, out of order within visits. */
        public static Config defaults(long seed) {
            return new Config(
                    seed,
                    300,
                    6,
                    25,
                    Instant.parse("2025-04-01T00:00:00Z"),
                    Duration.ofDays(6),
                    Duration.ofMinutes(30),
                    0);
        }

        public Config withVeryLateFraction(double fraction) {
            return new Config(seed, users, maxVisitsPerUser, maxEventsPerVisit, start, span, maxDelay, fraction);
        }

        public Config withUsers(int count) {
            return new Config(
                    seed, count, maxVisitsPerUser, maxEventsPerVisit, start, span, maxDelay, veryLateFraction);
        }
    }

    private record Pending(long arrival, int order, EnrichedEvent event) {}

    private RandomStreams() {}

    private static List<String> nullable(String... values) {
        List<String> list = new ArrayList<>();
        list.add(null);
        list.addAll(List.of(values));
        return java.util.Collections.unmodifiableList(list);
    }

    /** The events, in arrival order. */
    public static List<EnrichedEvent> generate(Config config) {
        Random random = new Random(config.seed());
        List<Pending> pending = new ArrayList<>();
        for (int user = 0; user < config.users(); user++) {
            generateUser(config, random, user, pending);
        }
        pending.sort(Comparator.comparingLong(Pending::arrival).thenComparingInt(Pending::order));
        List<EnrichedEvent> events = new ArrayList<>(pending.size());
        for (Pending item : pending) {
            events.add(EnrichedTsv.parse(EnrichedTsv.format(item.event())));
        }
        return events;
    }

    private static void generateUser(Config config, Random random, int user, List<Pending> pending) {
        User profile = new User(random, user);
        int visits = 1 + random.nextInt(config.maxVisitsPerUser());
        long[] starts = new long[visits];
        for (int i = 0; i < visits; i++) {
            starts[i] = config.start().toEpochMilli()
                    + (long) (random.nextDouble() * config.span().toMillis());
        }
        java.util.Arrays.sort(starts);
        long minimumGap = config.maxDelay().toMillis() + Duration.ofMinutes(15).toMillis();
        long previousEnd = Long.MIN_VALUE / 2;
        for (int visit = 0; visit < visits; visit++) {
            long time = Math.max(starts[visit], previousEnd + minimumGap);
            String session = uuid(random);
            int events = 1 + random.nextInt(config.maxEventsPerVisit());
            Visit context = new Visit(
                    session,
                    visit + 1,
                    pick(random, REFR_MEDIUMS),
                    pick(random, MKT_MEDIUMS),
                    pick(random, CAMPAIGNS),
                    pick(random, APPS));
            for (int i = 0; i < events; i++) {
                if (i > 0 && random.nextInt(20) != 0) {
                    time += 3_000 + random.nextInt(177_000);
                }
                EnrichedEvent event = event(random, profile, context, time, i == 0);
                long delay = i == 0 ? 0 : delay(config, random);
                pending.add(new Pending(time + delay, pending.size(), event));
            }
            previousEnd = time;
        }
    }

    private static long delay(Config config, Random random) {
        if (config.veryLateFraction() > 0 && random.nextDouble() < config.veryLateFraction()) {
            return (long) (random.nextDouble() * Duration.ofDays(2).toMillis());
        }
        if (random.nextInt(4) == 0) {
            return (long) (random.nextDouble() * config.maxDelay().toMillis());
        }
        return random.nextInt(2_000);
    }

    private record User(
            String id,
            String userId,
            String entityId,
            String country,
            int viewWidth,
            boolean cookies,
            String tier,
            double score,
            List<String> tags,
            String deviceClass) {
        User(Random random, int index) {
            this(
                    "user-" + index + "-" + uuid(random).substring(0, 8),
                    random.nextInt(10) < 4 ? "crm-" + random.nextInt(10_000) : null,
                    random.nextInt(10) < 7 ? "acct-" + random.nextInt(120) : null,
                    pick(random, COUNTRIES),
                    pick(random, VIEW_WIDTHS),
                    random.nextBoolean(),
                    pick(random, TIERS),
                    Math.round(random.nextDouble() * 10_000) / 100.0,
                    someOf(random, TAGS),
                    pick(random, DEVICE_CLASSES));
        }
    }

    private record Visit(String session, int index, String refrMedium, String mktMedium, String campaign, String app) {}

    private static EnrichedEvent event(Random random, User user, Visit visit, long time, boolean first) {
        EnrichedEvent event = new EnrichedEvent();
        Instant at = Instant.ofEpochMilli(time);
        event.set(AtomicField.EVENT_ID, uuid(random));
        event.set(AtomicField.APP_ID, random.nextInt(10) == 0 ? pick(random, APPS) : visit.app());
        event.set(AtomicField.PLATFORM, "web");
        event.set(AtomicField.COLLECTOR_TSTAMP, at.plusMillis(random.nextInt(500)));
        event.set(AtomicField.DVCE_CREATED_TSTAMP, at.minusMillis(random.nextInt(5_000)));
        event.set(AtomicField.DERIVED_TSTAMP, at);
        event.set(AtomicField.NAME_TRACKER, "sp");
        event.set(AtomicField.DOMAIN_USERID, user.id());
        event.set(AtomicField.DOMAIN_SESSIONID, visit.session());
        event.set(AtomicField.DOMAIN_SESSIONIDX, visit.index());
        if (user.userId() != null && random.nextInt(3) > 0) {
            event.set(AtomicField.USER_ID, user.userId());
        }
        event.set(AtomicField.PAGE_URL, HOST + pick(random, PATHS));
        if (first || random.nextInt(4) == 0) {
            event.set(AtomicField.REFR_MEDIUM, visit.refrMedium());
            event.set(AtomicField.MKT_MEDIUM, visit.mktMedium());
            event.set(AtomicField.MKT_CAMPAIGN, visit.campaign());
        }
        event.set(AtomicField.GEO_COUNTRY, user.country());
        event.set(AtomicField.BR_VIEWWIDTH, user.viewWidth());
        event.set(AtomicField.BR_COOKIES, user.cookies());
        event.set(AtomicField.EVENT_FORMAT, "jsonschema");
        kind(random, event);
        entities(random, user, event);
        return event;
    }

    private static void kind(Random random, EnrichedEvent event) {
        int roll = random.nextInt(100);
        if (roll < 35) {
            plain(event, "page_view", SNOWPLOW, "page_view", "1-0-0");
        } else if (roll < 65) {
            plain(event, "page_ping", SNOWPLOW, "page_ping", "1-0-0");
        } else if (roll < 76) {
            String name = roll < 68 ? "submit_form" : roll < 72 ? "focus_form" : "change_form";
            unstruct(event, SNOWPLOW, name, "1-0-0", Json.NODES.objectNode().put("formId", "demo"));
        } else if (roll < 83) {
            checkout(random, event);
        } else if (roll < 89) {
            ObjectNode data = Json.NODES
                    .objectNode()
                    .put("query", pick(random, QUERIES))
                    .put("results", random.nextInt(50))
                    .put("when", isoMillis(event.derivedTstamp().minusSeconds(random.nextInt(86_400))));
            unstruct(event, "com.acme", "search", "1-0-0", data);
        } else if (roll < 95) {
            String name = random.nextBoolean() ? "play_event" : "pause_event";
            unstruct(event, MEDIA, name, "1-0-0", Json.NODES.objectNode());
        } else {
            plain(event, "struct", "com.google.analytics", "event", "1-0-0");
            event.set(AtomicField.SE_CATEGORY, "video");
            event.set(AtomicField.SE_ACTION, random.nextBoolean() ? "play" : "stop");
            event.set(AtomicField.SE_VALUE, BigDecimal.valueOf(random.nextInt(100)));
        }
    }

    private static void checkout(Random random, EnrichedEvent event) {
        String version = random.nextInt(10) < 7 ? "1-0-0" : random.nextBoolean() ? "1-0-1" : "2-0-0";
        double total = Math.round(random.nextDouble() * 20_000) / 100.0;
        ObjectNode cart = Json.NODES.objectNode();
        if (random.nextInt(5) == 0) {
            cart.put("total", Double.toString(total));
        } else {
            cart.put("total", total);
        }
        ArrayNode items = Json.NODES.arrayNode();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            items.add(Json.NODES.objectNode().put("sku", pick(random, SKUS)).put("qty", 1 + random.nextInt(3)));
        }
        ObjectNode data = Json.NODES.objectNode();
        data.set("cart", cart);
        data.set("items", items);
        if (random.nextBoolean()) {
            data.put("coupon", random.nextBoolean() ? "SPRING" : "VIP10");
        }
        unstruct(event, "com.acme", "checkout", version, data);
        event.set(AtomicField.TR_TOTAL, BigDecimal.valueOf(total));
    }

    private static void entities(Random random, User user, EnrichedEvent event) {
        List<SelfDescribingData> contexts = new ArrayList<>();
        if (user.entityId() != null && random.nextInt(10) < 8) {
            contexts.add(userEntity(user.entityId(), user.tier(), user.score(), user.tags(), "1-0-0"));
            if (random.nextInt(5) == 0) {
                contexts.add(userEntity(user.entityId(), pick(random, TIERS), user.score() / 2, List.of(), "1-0-1"));
            }
        }
        if (random.nextInt(10) == 0) {
            contexts.add(0, userEntity("v2-" + user.entityId(), "platinum", 99.5, List.of("vip"), "2-0-0"));
        }
        if (!contexts.isEmpty()) {
            event.setContexts(contexts);
        }
        if (random.nextInt(10) < 9) {
            ObjectNode yauaa = Json.NODES
                    .objectNode()
                    .put("deviceClass", user.deviceClass())
                    .put("agentName", random.nextBoolean() ? "Chrome" : "Firefox");
            event.setDerivedContexts(List.of(
                    new SelfDescribingData(SchemaKey.parse("iglu:nl.basjes/yauaa_context/jsonschema/1-0-5"), yauaa)));
        }
    }

    private static SelfDescribingData userEntity(
            String id, String tier, double score, List<String> tags, String version) {
        ObjectNode data =
                Json.NODES.objectNode().put("id", id).put("tier", tier).put("score", score);
        ArrayNode tagArray = data.putArray("tags");
        tags.forEach(tagArray::add);
        return new SelfDescribingData(SchemaKey.of("com.acme", "user", version), data);
    }

    private static void plain(EnrichedEvent event, String type, String vendor, String name, String version) {
        event.set(AtomicField.EVENT, type);
        event.set(AtomicField.EVENT_VENDOR, vendor);
        event.set(AtomicField.EVENT_NAME, name);
        event.set(AtomicField.EVENT_VERSION, version);
    }

    private static void unstruct(EnrichedEvent event, String vendor, String name, String version, ObjectNode data) {
        plain(event, "unstruct", vendor, name, version);
        event.setUnstructEvent(new SelfDescribingData(SchemaKey.of(vendor, name, version), data));
    }

    static String isoMillis(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> someOf(Random random, List<String> values) {
        List<String> chosen = new ArrayList<>();
        for (String value : values) {
            if (random.nextInt(3) == 0) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    private static String uuid(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}

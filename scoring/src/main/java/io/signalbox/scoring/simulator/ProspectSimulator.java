package io.signalbox.scoring.simulator;

import io.signalbox.scoring.simulator.SiteMap.Kind;
import io.signalbox.scoring.simulator.SiteMap.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * A population of prospects browsing a B2B marketing site, each with a hidden intent to buy that drives what they
 * do, with noise: how often they come back, which pages they read and for how long, whether they watch the product
 * video, and whether they fill in and submit the demo-request form. Intent is never written into the events, so a
 * model has to infer it from behaviour.
 *
 * <p>Nothing happens after the span: a journey under way at its end is cut there, as in a snapshot of history.
 *
 * <p>Prospects arrive over the span from search, paid campaigns, email, social networks or directly, on desktop,
 * phone or tablet, and return in later sessions. Most have low intent; the keen few read pricing and case studies,
 * watch the tour and ask for a demo, though some keen prospects never do and a few idle ones do anyway.
 *
 * <p>Deterministic: each prospect draws from its own generator seeded from the settings' seed and its index, so the
 * same settings give the same events, ids included, whatever order they are read in. Events come out in time order
 * across prospects; only the prospects visiting at the time are held in memory.
 */
public final class ProspectSimulator implements Iterable<TrackerRequest> {
    private static final String TRACKER = "js-4.6.8";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    private static final String[][] DEVICES = {
        {
            "Desktop",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                    + "Safari/537.36",
            "1920x1080"
        },
        {
            "Desktop",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
                    + "Safari/605.1.15",
            "1512x982"
        },
        {
            "Phone",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/18.1 Mobile/15E148 Safari/604.1",
            "393x852"
        },
        {
            "Phone",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                    + "Mobile Safari/537.36",
            "412x915"
        },
        {
            "Tablet",
            "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
                    + "Mobile/15E148 Safari/604.1",
            "820x1180"
        }
    };

    private final SimulationSettings settings;

    public ProspectSimulator(SimulationSettings settings) {
        this.settings = settings;
    }

    public SimulationSettings settings() {
        return settings;
    }

    /** A prospect's hidden traits. */
    public record Prospect(int index, double intent, String domainUserId, String networkUserId, Instant arrival) {}

    /** The hidden traits of one prospect, as the simulation draws them. */
    public Prospect prospect(int index) {
        return new Journey(index).prospect;
    }

    /** Every event of every prospect, in time order. */
    @Override
    public Iterator<TrackerRequest> iterator() {
        return new Merged();
    }

    /** The events of one prospect, in time order. */
    public List<TrackerRequest> eventsOf(int index) {
        return new Journey(index).events;
    }

    /** Merges the prospects' journeys by time, building each when its first event is due. */
    private final class Merged implements Iterator<TrackerRequest> {
        private final PriorityQueue<Cursor> queue =
                new PriorityQueue<>((a, b) -> a.next().at().compareTo(b.next().at()));
        private final List<Instant> arrivals = new ArrayList<>();
        private int nextProspect;

        private record Cursor(List<TrackerRequest> events, int[] position) {
            TrackerRequest next() {
                return events.get(position[0]);
            }
        }

        Merged() {
            for (int i = 0; i < settings.prospects(); i++) {
                arrivals.add(arrival(i));
            }
        }

        @Override
        public boolean hasNext() {
            admit();
            return !queue.isEmpty();
        }

        @Override
        public TrackerRequest next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Cursor cursor = queue.poll();
            TrackerRequest event = cursor.next();
            cursor.position()[0]++;
            if (cursor.position()[0] < cursor.events().size()) {
                queue.add(cursor);
            }
            return event;
        }

        /** Builds the journeys of prospects arriving before the earliest event queued. */
        private void admit() {
            while (nextProspect < settings.prospects()
                    && (queue.isEmpty()
                            || !arrivals.get(nextProspect)
                                    .isAfter(queue.peek().next().at()))) {
                List<TrackerRequest> events = new Journey(nextProspect++).events;
                if (!events.isEmpty()) {
                    queue.add(new Cursor(events, new int[] {0}));
                }
            }
        }
    }

    /**
     * Arrival times are spread evenly over the span with jitter, in index order, so merging can admit prospects
     * lazily.
     */
    private Instant arrival(int index) {
        double slot = settings.span().toMillis() / (double) settings.prospects();
        Random random = new Random(settings.seed() * 7_919 + index);
        return settings.start().plusMillis((long) (slot * index + random.nextDouble() * slot));
    }

    /** One prospect's whole journey, drawn from its own generator. */
    private final class Journey {
        private final Random random;
        private final Prospect prospect;
        private final List<TrackerRequest> events = new ArrayList<>();
        private final String[] device;
        private final String ipAddress;
        private int pricingViews;
        private int caseStudyViews;
        private boolean converted;

        Journey(int index) {
            random = new Random(settings.seed() * 1_000_003L + index * 31L + 17);
            double intent = beta(0.55, 2.4);
            prospect = new Prospect(index, intent, uuid(), uuid(), arrival(index));
            device = device(intent);
            ipAddress = "198.51." + (index / 250 % 256) + "." + (index % 250 + 1);
            simulate();
            // Pings, video and form events overlap the page they belong to: put the journey in time order.
            events.sort(java.util.Comparator.comparing(TrackerRequest::at));
        }

        private void simulate() {
            double intent = prospect.intent();
            int sessions = 1 + poisson(0.3 + 3.2 * intent);
            Instant at = prospect.arrival();
            Instant last = settings.end();
            for (int session = 1; session <= sessions && at.isBefore(last) && !converted; session++) {
                at = session(session, at);
                double meanGapHours = 44 * (1.25 - intent);
                at = at.plus(Duration.ofMinutes((long) (60 * (0.5 + exponential(meanGapHours)))));
            }
        }

        /** One visit; returns when it ended. */
        private Instant session(int index, Instant start) {
            double intent = prospect.intent();
            String sessionId = uuid();
            Map<String, String> source = source(index);
            Page page = landing(source);
            String referrer = source.remove("refr");
            int pages = 1 + poisson(1.2 + 5.5 * intent);
            Instant at = start;
            for (int view = 0; view < pages && !converted; view++) {
                at = pageView(page, at, sessionId, index, referrer, view == 0 ? source : Map.of());
                referrer = url(page, Map.of());
                page = nextPage(page);
            }
            return at;
        }

        /** A page view, the pings while the page is read, and the page's own interactions; returns when it ended. */
        private Instant pageView(
                Page page, Instant at, String sessionId, int sessionIndex, String referrer, Map<String, String> query) {
            Map<String, String> common = common(page, sessionId, sessionIndex, referrer, query);
            emit(at, "page_view", with(common, "e", "pv", "page", page.title()));
            if (page.kind() == Kind.PRICING) {
                pricingViews++;
            } else if (page.kind() == Kind.CASE_STUDY) {
                caseStudyViews++;
            }
            double seconds = dwellSeconds(page.kind());
            Instant end = at.plusMillis((long) (seconds * 1000));
            for (Instant ping = at.plus(PING_INTERVAL); ping.isBefore(end); ping = ping.plus(PING_INTERVAL)) {
                if (random.nextDouble() < 0.85) {
                    int scrolled = (int)
                            Math.min(4000, 600 + 40 * Duration.between(at, ping).toSeconds());
                    emit(
                            ping,
                            "page_ping",
                            with(
                                    common,
                                    "e",
                                    "pp",
                                    "pp_mix",
                                    "0",
                                    "pp_max",
                                    "0",
                                    "pp_miy",
                                    "0",
                                    "pp_may",
                                    Integer.toString(scrolled)));
                }
            }
            if (page.kind() == Kind.VIDEO) {
                video(common, at, seconds);
            } else if (page.kind() == Kind.DEMO) {
                end = demoForm(common, at, end);
            }
            return end.plusMillis(300 + random.nextInt(1500));
        }

        private void video(Map<String, String> common, Instant at, double seconds) {
            double intent = prospect.intent();
            if (random.nextDouble() > 0.35 + 0.55 * intent) {
                return;
            }
            double duration = 180;
            double watched = Math.min(duration, Math.max(5, seconds - 4) * (0.6 + 0.8 * random.nextDouble()));
            Instant start = at.plusSeconds(3);
            emit(start, "play_event", media(common, "play_event", "{}", 0, duration, false, false));
            for (int percent : new int[] {25, 50, 75}) {
                double position = duration * percent / 100.0;
                if (watched >= position) {
                    emit(
                            start.plusMillis((long) (position * 1000)),
                            "percent_progress_event",
                            media(
                                    common,
                                    "percent_progress_event",
                                    "{\"percentProgress\":" + percent + "}",
                                    position,
                                    duration,
                                    false,
                                    false));
                }
            }
            boolean ended = watched >= duration * 0.98;
            String kind = ended ? "end_event" : "pause_event";
            emit(
                    start.plusMillis((long) (watched * 1000)),
                    kind,
                    media(common, kind, "{}", watched, duration, !ended, ended));
        }

        /** The demo-request form: focus and change events, and a submission whose chance rises with intent. */
        private Instant demoForm(Map<String, String> common, Instant at, Instant end) {
            double intent = prospect.intent();
            if (random.nextDouble() > 0.45 + 0.5 * intent) {
                return end;
            }
            Instant typing = at.plusSeconds(4 + random.nextInt(8));
            String[][] fields = {{"name", "text"}, {"email", "email"}, {"company", "text"}, {"message", "text"}};
            int filled = 0;
            for (String[] field : fields) {
                if (random.nextDouble() > 0.35 + 0.6 * intent) {
                    break;
                }
                String element = "{\"formId\":\"demo-request\",\"elementId\":\"" + field[0] + "\",\"nodeName\":"
                        + (field[0].equals("message")
                                ? "\"TEXTAREA\""
                                : "\"INPUT\",\"elementType\":\"" + field[1] + "\"");
                emit(typing, "focus_form", selfDescribing(common, "focus_form", element + ",\"value\":null}"));
                typing = typing.plusSeconds(3 + random.nextInt(10));
                String changed = element.replace("\"elementType\"", "\"type\"") + ",\"value\":null,"
                        + "\"elementClasses\":[\"field\"]}";
                emit(typing, "change_form", selfDescribing(common, "change_form", changed));
                typing = typing.plusSeconds(1 + random.nextInt(3));
                filled++;
            }
            double logit = -3.4
                    + 4.2 * intent
                    + 0.45 * Math.min(pricingViews, 3)
                    + 0.35 * Math.min(caseStudyViews, 3)
                    + 0.5 * filled
                    + random.nextGaussian() * 0.6;
            if (filled >= 2 && random.nextDouble() < 1 / (1 + Math.exp(-logit))) {
                emit(
                        typing.plusSeconds(2),
                        "submit_form",
                        selfDescribing(
                                common,
                                "submit_form",
                                "{\"formId\":\"demo-request\",\"formClasses\":[\"demo\"],\"elements\":[]}"));
                converted = true;
                return typing.plusSeconds(3);
            }
            return typing.isAfter(end) ? typing : end;
        }

        // ---- choices ----

        private Map<String, String> source(int session) {
            double roll = random.nextDouble();
            Map<String, String> source = new LinkedHashMap<>();
            if (session == 1) {
                if (roll < 0.33) {
                    source.put(
                            "refr",
                            "https://www.google.com/search?q="
                                    + pick(
                                            "customer+intelligence+platform",
                                            "real-time+personalisation",
                                            "prospect+scoring"));
                } else if (roll < 0.33 + 0.12 + 0.1 * prospect.intent()) {
                    campaign(source, "google", "cpc", pick("brand-q4", "competitor-switch", "demo-push"));
                } else if (roll < 0.6) {
                    source.put("refr", "https://www.linkedin.com/");
                } else if (roll < 0.7) {
                    campaign(source, "newsletter", "email", "product-update");
                }
                return source;
            }
            if (roll < 0.25) {
                campaign(source, "newsletter", "email", pick("case-study-digest", "webinar-invite"));
            } else if (roll < 0.5) {
                source.put("refr", "https://www.google.com/search?q=signalbox");
            }
            return source;
        }

        private void campaign(Map<String, String> source, String name, String medium, String campaign) {
            source.put("utm_source", name);
            source.put("utm_medium", medium);
            source.put("utm_campaign", campaign);
        }

        private Page landing(Map<String, String> source) {
            if ("cpc".equals(source.get("utm_medium"))) {
                return pickPage(random.nextDouble() < 0.5 ? Kind.PRODUCT : Kind.PRICING);
            }
            if ("email".equals(source.get("utm_medium"))) {
                return pickPage(random.nextDouble() < 0.5 ? Kind.BLOG : Kind.CASE_STUDY);
            }
            if (source.containsKey("refr")) {
                return pickPage(random.nextDouble() < 0.6 ? Kind.BLOG : Kind.HOME);
            }
            return pickPage(Kind.HOME);
        }

        private Page nextPage(Page current) {
            double i = prospect.intent();
            Map<Kind, Double> weights = new LinkedHashMap<>();
            weights.put(Kind.HOME, 0.5);
            weights.put(Kind.PRODUCT, 1.0 + i);
            weights.put(Kind.VIDEO, 0.25 + 1.1 * i);
            weights.put(Kind.SOLUTIONS, 0.7 + 0.6 * i);
            weights.put(Kind.CUSTOMERS, 0.3 + 0.8 * i);
            weights.put(Kind.CASE_STUDY, 0.2 + 1.8 * i);
            weights.put(Kind.PRICING, 0.25 + 2.4 * i + (current.kind() == Kind.PRODUCT ? 0.4 : 0));
            weights.put(Kind.BLOG, 0.4 + 2.6 * (1 - i));
            weights.put(Kind.DOCS, 0.3 + 0.9 * (1 - i));
            weights.put(Kind.DEMO, 0.03 + (1.4 * i * i) * (1 + Math.min(pricingViews, 2)));
            weights.remove(current.kind() == Kind.CASE_STUDY || current.kind() == Kind.BLOG ? null : current.kind());
            double total =
                    weights.values().stream().mapToDouble(Double::doubleValue).sum();
            double roll = random.nextDouble() * total;
            for (Map.Entry<Kind, Double> weight : weights.entrySet()) {
                roll -= weight.getValue();
                if (roll <= 0) {
                    return pickPage(weight.getKey());
                }
            }
            return pickPage(Kind.HOME);
        }

        private double dwellSeconds(Kind kind) {
            double median = switch (kind) {
                case PRICING, CASE_STUDY -> 35 + 50 * prospect.intent();
                case VIDEO -> 40 + 120 * prospect.intent();
                case BLOG, DOCS -> 45;
                case DEMO -> 30;
                default -> 20 + 15 * prospect.intent();
            };
            return Math.min(900, median * Math.exp(0.7 * random.nextGaussian()));
        }

        private String[] device(double intent) {
            double roll = random.nextDouble();
            if (roll < 0.5 + 0.3 * intent) {
                return DEVICES[random.nextInt(2)];
            }
            return roll < 0.93 ? DEVICES[2 + random.nextInt(2)] : DEVICES[4];
        }

        // ---- events ----

        private Map<String, String> common(
                Page page, String sessionId, int sessionIndex, String referrer, Map<String, String> query) {
            Map<String, String> common = new LinkedHashMap<>();
            common.put("tv", TRACKER);
            common.put("tna", "sp");
            common.put("aid", "website");
            common.put("p", "web");
            common.put("duid", prospect.domainUserId());
            common.put("sid", sessionId);
            common.put("vid", Integer.toString(sessionIndex));
            common.put("url", url(page, query));
            if (referrer != null) {
                common.put("refr", referrer);
            }
            common.put("lang", "en-GB");
            common.put("cs", "UTF-8");
            common.put("res", device[2]);
            common.put("vp", device[2]);
            common.put("cookie", "1");
            common.put("tz", "Europe/London");
            common.put(
                    "co",
                    "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-0\",\"data\":[{\"schema\":"
                            + "\"iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0\",\"data\":{\"id\":\""
                            + uuid() + "\"}}]}");
            return common;
        }

        private Map<String, String> selfDescribing(Map<String, String> common, String name, String data) {
            return with(
                    common,
                    "e",
                    "ue",
                    "ue_pr",
                    "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\",\"data\":{"
                            + "\"schema\":\"iglu:com.snowplowanalytics.snowplow/" + name + "/jsonschema/1-0-0\","
                            + "\"data\":" + data + "}}");
        }

        private Map<String, String> media(
                Map<String, String> common,
                String name,
                String data,
                double position,
                double duration,
                boolean paused,
                boolean ended) {
            Map<String, String> event = with(
                    common,
                    "e",
                    "ue",
                    "ue_pr",
                    "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0\",\"data\":{"
                            + "\"schema\":\"iglu:com.snowplowanalytics.snowplow.media/" + name
                            + "/jsonschema/1-0-0\",\"data\":" + data + "}}");
            String player = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/media_player/jsonschema/2-0-0\","
                    + "\"data\":{\"currentTime\":" + Math.round(position) + ",\"duration\":" + Math.round(duration)
                    + ",\"paused\":" + paused + ",\"ended\":" + ended + ",\"mediaType\":\"video\",\"label\":"
                    + "\"Product tour\"}}";
            String contexts = common.get("co");
            event.put("co", contexts.substring(0, contexts.length() - 2) + "," + player + "]}");
            return event;
        }

        private void emit(Instant at, String eventName, Map<String, String> parameters) {
            if (at.isAfter(settings.end())) {
                return;
            }
            Map<String, String> all = new LinkedHashMap<>(parameters);
            all.put("eid", uuid());
            all.put("dtm", Long.toString(at.toEpochMilli()));
            all.put("stm", Long.toString(at.toEpochMilli() + 40));
            all.put("sb_event_name", eventName);
            events.add(new TrackerRequest(at, prospect.index(), device[1], ipAddress, prospect.networkUserId(), all));
        }

        private String url(Page page, Map<String, String> query) {
            StringBuilder url =
                    new StringBuilder("https://").append(settings.siteHost()).append(page.path());
            char separator = '?';
            for (Map.Entry<String, String> parameter : query.entrySet()) {
                url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
                separator = '&';
            }
            return url.toString();
        }

        private Page pickPage(Kind kind) {
            List<Page> pages = SiteMap.of(kind);
            return pages.get(random.nextInt(pages.size()));
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private Map<String, String> with(Map<String, String> base, String... pairs) {
            Map<String, String> out = new LinkedHashMap<>(base);
            for (int i = 0; i < pairs.length; i += 2) {
                out.put(pairs[i], pairs[i + 1]);
            }
            return out;
        }

        private String uuid() {
            return new UUID(
                            random.nextLong() & ~0xF000L | 0x4000L,
                            random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L)
                    .toString();
        }

        private int poisson(double mean) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int count = 0;
            while (product > limit) {
                product *= random.nextDouble();
                count++;
            }
            return count;
        }

        private double exponential(double mean) {
            return -mean * Math.log(1 - random.nextDouble());
        }

        /** A Beta(a, b) draw from two Gamma draws (Marsaglia and Tsang, boosted for shapes below one). */
        private double beta(double a, double b) {
            double x = gamma(a);
            double y = gamma(b);
            return x / (x + y);
        }

        private double gamma(double shape) {
            if (shape < 1) {
                return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
            }
            double d = shape - 1.0 / 3;
            double c = 1 / Math.sqrt(9 * d);
            while (true) {
                double x = random.nextGaussian();
                double v = Math.pow(1 + c * x, 3);
                if (v > 0 && Math.log(random.nextDouble()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                    return d * v;
                }
            }
        }
    }
}

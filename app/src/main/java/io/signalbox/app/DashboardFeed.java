package io.signalbox.app;

import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import io.signalbox.scoring.predict.PredictService;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.GoodEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the live dashboard shows: the prospects seen by the collector in the last minutes, scored through the same
 * {@link PredictService} as {@code /predict}, with the trend of every score given to them (by the site's own polls
 * of {@code /predict} and by the dashboard); events per second; bad rows; the model
 * served. Scores are refreshed at most every two seconds per prospect, however many dashboards are open.
 */
final class DashboardFeed implements Supplier<String> {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFeed.class);
    private static final Duration ACTIVE = Duration.ofMinutes(10);
    private static final Duration RESCORE = Duration.ofSeconds(2);
    private static final int SHOWN = 25;
    private static final int TRACKED = 2_000;
    private static final int HISTORY = 40;
    private static final int KEY_ATTRIBUTES = 4;

    private final PredictService predictions;
    private final CollectedCounts counts;
    private final InstantSource clock;
    private final Map<String, Prospect> prospects = new ConcurrentHashMap<>();
    private Instant lastRateAt;
    private long lastRateEvents;
    private double eventsPerSecond;

    /** One prospect as seen by the collector, with its recent scores. */
    private static final class Prospect {
        final String domainUserId;
        volatile Instant lastSeen;
        volatile String lastPage;
        volatile long events;
        final Deque<Double> scores = new ArrayDeque<>();
        Instant scoredAt = Instant.MIN;
        ObjectNode scored;

        Prospect(String domainUserId) {
            this.domainUserId = domainUserId;
        }
    }

    DashboardFeed(PredictService predictions, CollectedCounts counts, InstantSource clock) {
        this.predictions = predictions;
        this.counts = counts;
        this.clock = clock;
        this.lastRateAt = clock.instant();
        predictions.addListener(this::scored);
    }

    /** Every score given, by /predict or by the dashboard itself, is a point of the prospect's trend. */
    private void scored(PredictService.Scored scored) {
        Prospect prospect = prospects.get(scored.domainUserId());
        if (prospect == null) {
            return;
        }
        synchronized (prospect.scores) {
            if (prospect.scores.size() == HISTORY) {
                prospect.scores.removeFirst();
            }
            prospect.scores.addLast(scored.prediction().score());
        }
    }

    /** Notes the prospects of what the collector made durable. */
    void record(EnrichmentResult result) {
        Instant now = clock.instant();
        for (GoodEvent good : result.good()) {
            EnrichedEvent event = good.event();
            if (!(event.get(AtomicField.DOMAIN_USERID) instanceof String id) || id.isEmpty()) {
                continue;
            }
            Prospect prospect = prospects.computeIfAbsent(id, Prospect::new);
            prospect.lastSeen = now;
            prospect.events++;
            if (event.get(AtomicField.PAGE_URLPATH) instanceof String path
                    && "page_view".equals(event.get(AtomicField.EVENT_NAME))) {
                prospect.lastPage = path;
            }
        }
        if (prospects.size() > TRACKED) {
            forgetOldest();
        }
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        ObjectNode data = Json.NODES.objectNode();
        predictions
                .model()
                .ifPresentOrElse(
                        model -> data.putObject("model")
                                .put("version", model.version())
                                .put("kind", model.kind()),
                        () -> data.putNull("model"));
        data.put("events_per_second", rate(now));
        data.put("events_total", counts.good());
        data.put("bad_rows", counts.bad());
        ArrayNode list = data.putArray("prospects");
        List<Prospect> active = prospects.values().stream()
                .filter(p -> p.lastSeen.isAfter(now.minus(ACTIVE)))
                .sorted(Comparator.comparing((Prospect p) -> p.lastSeen).reversed())
                .limit(SHOWN)
                .toList();
        for (Prospect prospect : active) {
            list.add(describe(prospect, now));
        }
        return Json.write(data);
    }

    private ObjectNode describe(Prospect prospect, Instant now) {
        if (prospect.scoredAt.plus(RESCORE).isBefore(now)) {
            prospect.scoredAt = now;
            prospect.scored = score(prospect);
        }
        ObjectNode node = Json.NODES.objectNode();
        node.put("domain_userid", prospect.domainUserId);
        node.put("last_page", prospect.lastPage);
        node.put("events", prospect.events);
        node.put("seconds_ago", Duration.between(prospect.lastSeen, now).toMillis() / 1000.0);
        ObjectNode scored = prospect.scored;
        if (scored == null) {
            node.putNull("score");
            node.put("decision", false);
            node.putObject("attributes");
        } else {
            node.set("score", scored.get("score"));
            node.set("decision", scored.get("decision"));
            node.set("threshold", scored.get("threshold"));
            node.set("attributes", scored.get("attributes"));
        }
        ArrayNode history = node.putArray("history");
        synchronized (prospect.scores) {
            prospect.scores.forEach(history::add);
        }
        return node;
    }

    /** The prospect's score and its most influential attributes, and a point of history; null without a model. */
    private ObjectNode score(Prospect prospect) {
        try {
            return predictions
                    .score(prospect.domainUserId)
                    .map(scored -> {
                        ObjectNode node = Json.NODES.objectNode();
                        node.put("score", scored.prediction().score());
                        node.put("decision", scored.prediction().decision());
                        node.put("threshold", scored.model().threshold());
                        ObjectNode attributes = node.putObject("attributes");
                        scored.prediction().explanations().keySet().stream()
                                .filter(scored.signals()::containsKey)
                                .limit(KEY_ATTRIBUTES)
                                .forEach(name -> attributes.set(
                                        name,
                                        DefinitionWriter.value(scored.signals().get(name))));
                        return node;
                    })
                    .orElse(null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("Dashboard could not score {}: {}", prospect.domainUserId, e.toString());
            return prospect.scored;
        }
    }

    private double rate(Instant now) {
        long events = counts.good();
        double seconds = Duration.between(lastRateAt, now).toMillis() / 1000.0;
        if (seconds >= 1) {
            eventsPerSecond = (events - lastRateEvents) / seconds;
            lastRateAt = now;
            lastRateEvents = events;
        }
        return eventsPerSecond;
    }

    private void forgetOldest() {
        Map<String, Instant> seen = new LinkedHashMap<>();
        prospects.forEach((id, p) -> {
            Instant lastSeen = p.lastSeen;
            if (lastSeen != null) { // another request thread has just added it and not yet set its time
                seen.put(id, lastSeen);
            }
        });
        seen.entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .limit(Math.max(0, prospects.size() - TRACKED))
                .forEach(entry -> prospects.remove(entry.getKey()));
    }
}

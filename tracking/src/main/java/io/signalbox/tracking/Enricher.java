package io.signalbox.tracking;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The enrichment pipeline: turns one collector payload (one HTTP request) into enriched events and bad rows.
 *
 * <p>In order: the payload size is checked ({@code size_violation}); the payload's own fields are checked ({@code
 * collector_payload_format_violation}); the tracker-protocol adapter splits it into raw events ({@code
 * adapter_failures}, {@code tracker_protocol_violations}); each raw event is enriched on its own ({@code
 * schema_violations}, {@code enrichment_failures}, or a good event).
 *
 * <p>{@link #enrich} never throws: every failure, including an unexpected one, becomes a bad row. It is thread-safe
 * and meant to be called concurrently from request threads. Time comes from the injected {@link InstantSource}.
 *
 * <p>CAUTION: with YAUAA on, the first event builds the shared user-agent analyzer, which takes seconds; call {@link
 * #warmUp()} at startup to pay that before traffic arrives.
 */
public final class Enricher {
    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);
    private static final Instant EARLIEST = Instant.ofEpochMilli(-62_167_219_200_000L);
    private static final Instant LATEST = Instant.ofEpochMilli(253_402_300_799_999L);

    private final EnricherConfig config;
    private final InstantSource clock;
    private final IgluResolver resolver;
    private final BadRows badRows;
    private final TrackerProtocolAdapter adapter;
    private final EventEnricher events;

    /**
     * @param config the enrichment settings
     * @param clock the source of {@code etl_tstamp} and failure timestamps
     */
    public Enricher(EnricherConfig config, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = IgluResolver.create(config.iglu(), clock);
        this.badRows = BadRows.of(config, clock);
        this.adapter = new TrackerProtocolAdapter(resolver, badRows);
        this.events = new EventEnricher(config, resolver, badRows);
        LOG.info(
                "Enricher ready: processor={} maxPayloadBytes={} referrerParser={} campaign={} fingerprint={}"
                        + " ipAnonymisation={} yauaa={}",
                config.etlVersion(),
                config.maxPayloadBytes(),
                config.referrerParserEnabled(),
                config.campaign().enabled(),
                config.fingerprint().enabled() ? config.fingerprint().algorithm() : "off",
                config.ipAnonymisation().enabled() ? config.ipAnonymisation() : "off",
                config.yauaaEnabled());
    }

    /** An enricher with the system clock. */
    public static Enricher create(EnricherConfig config) {
        return new Enricher(config, InstantSource.system());
    }

    /** Enriches every event of a collector payload; never throws. */
    public EnrichmentResult enrich(CollectorPayload payload) {
        try {
            return process(payload);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("Unexpected error while enriching a payload", e);
            return unexpected(payload, e);
        }
    }

    private EnrichmentResult unexpected(CollectorPayload payload, Throwable error) {
        ObjectNode message =
                Messages.error("unexpected error: " + error.getClass().getSimpleName());
        try {
            return failed(badRows.collectorPayloadFormatViolation(payload, message), payload);
        } catch (RuntimeException e) {
            LOG.warn("Cannot describe a failed payload: error=[{}]", e.toString());
            return failed(badRows.collectorPayloadFormatViolation("", message), payload);
        }
    }

    /** Builds what is built lazily (the YAUAA analyzer, when enabled), so the first request is not slow. */
    public void warmUp() {
        if (config.yauaaEnabled()) {
            UserAgentEnrichment.warmUp();
        }
    }

    /** The bad-row factory this enricher uses, for the collector's own bad rows (size violations). */
    public BadRows badRows() {
        return badRows;
    }

    /** The Iglu resolver this enricher validates with, for serving schemas ({@code /micro/iglu/…}). */
    public IgluResolver igluResolver() {
        return resolver;
    }

    /** The configuration. */
    public EnricherConfig config() {
        return config;
    }

    private EnrichmentResult process(CollectorPayload payload) {
        long size = mayExceed(payload, config.maxPayloadBytes()) ? payload.sizeInBytes() : 0;
        if (size > config.maxPayloadBytes()) {
            String reason = "the collector payload is larger than " + config.maxPayloadBytes() + " bytes";
            return failed(badRows.sizeViolation(payload, config.maxPayloadBytes(), size, reason), payload);
        }
        ObjectNode formatProblem = formatProblem(payload);
        if (formatProblem != null) {
            return failed(badRows.collectorPayloadFormatViolation(payload, formatProblem), payload);
        }
        return switch (adapter.adapt(payload)) {
            case TrackerProtocolAdapter.Rejected rejected -> failed(rejected.row(), payload);
            case TrackerProtocolAdapter.Events adapted -> enrichEvents(payload, adapted.events());
        };
    }

    private EnrichmentResult enrichEvents(CollectorPayload payload, List<Map<String, String>> parameterMaps) {
        EventEnricher.Defaults defaults = EventEnricher.Defaults.of(payload, Instant.ofEpochMilli(clock.millis()));
        List<GoodEvent> good = new ArrayList<>(parameterMaps.size());
        List<BadEvent> bad = new ArrayList<>(0);
        for (Map<String, String> parameters : parameterMaps) {
            EventEnricher.Outcome outcome = events.enrich(new RawEvent(parameters, payload), defaults);
            if (outcome.good() != null) {
                good.add(outcome.good());
            } else {
                bad.add(outcome.bad());
            }
        }
        return new EnrichmentResult(good, bad);
    }

    /**
     * Whether the payload could be over the limit: a UTF-16 character takes at most three UTF-8 bytes, so a payload
     * of at most a third of the limit in characters is certainly within it and need not be measured.
     */
    private static boolean mayExceed(CollectorPayload payload, long maxBytes) {
        long chars = length(payload.body()) + length(payload.querystring());
        for (String header : payload.headers()) {
            chars += header.length();
        }
        return chars * 3 > maxBytes;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    /** A problem with the payload's own fields, or {@code null}. */
    private static ObjectNode formatProblem(CollectorPayload payload) {
        if (payload.timestamp().isBefore(EARLIEST) || payload.timestamp().isAfter(LATEST)) {
            return Messages.payloadField(
                    "timestamp", payload.timestamp().toString(), "a timestamp within the years 0 to 9999");
        }
        if (payload.networkUserId() != null && !Uuids.isUuid(payload.networkUserId())) {
            return Messages.payloadField("networkUserId", payload.networkUserId(), "a UUID");
        }
        if (payload.querystring() != null && !QueryString.isValid(payload.querystring())) {
            return Messages.payloadField("querystring", payload.querystring(), "a valid URI query string");
        }
        return null;
    }

    private static EnrichmentResult failed(BadRow row, CollectorPayload payload) {
        return EnrichmentResult.failed(new BadEvent(row, payload, null));
    }
}

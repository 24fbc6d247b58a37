package io.signalbox.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.FieldType;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one raw event into an enriched event or a bad row.
 *
 * <p>The steps follow the reference enricher:
 *
 * <ol>
 *   <li>defaults from the collector payload (ids, versions, timestamps, IP, user agent);
 *   <li>parameter mapping ({@link ParameterMapping});
 *   <li>self-describing event and entities, validated through Iglu ({@link SelfDescribingInputs});
 *   <li>enrichments: collector version check, page URL, derived timestamp, referrer, campaign, cross-domain
 *       {@code _sp}, fingerprint, YAUAA, event schema fields, IP anonymisation;
 *   <li>post-checks: derived entities against their schemas, atomic field lengths.
 * </ol>
 *
 * <p>Problems from steps 2 and 3 make a {@code schema_violations} row; otherwise problems from step 4 an {@code
 * enrichment_failures} row; otherwise problems from step 5 a {@code schema_violations} row. Every step runs whatever
 * happened before it, so a bad row carries as complete an event as possible.
 *
 * <p>Thread-safe: all state is per call.
 */
final class EventEnricher {
    private static final Logger LOG = LoggerFactory.getLogger(EventEnricher.class);

    private final EnricherConfig config;
    private final SelfDescribingInputs selfDescribing;
    private final IgluResolver resolver;
    private final BadRows badRows;
    private final ReferrerParser referrers;
    private final CampaignAttribution campaign;
    private final EventFingerprint fingerprint;
    private final UserAgentEnrichment userAgents;
    private final UrlCache urls = new UrlCache(4096);
    private final Cache<ReferrerKey, Optional<ReferrerParser.Referrer>> classifications =
            Caffeine.newBuilder().maximumSize(4096).build();

    EventEnricher(EnricherConfig config, IgluResolver resolver, BadRows badRows) {
        this.config = config;
        this.resolver = resolver;
        this.badRows = badRows;
        this.selfDescribing = new SelfDescribingInputs(resolver);
        this.referrers = ReferrerParser.standard();
        this.campaign = new CampaignAttribution(config.campaign());
        this.fingerprint = config.fingerprint().enabled() ? new EventFingerprint(config.fingerprint()) : null;
        this.userAgents = config.yauaaEnabled()
                ? new UserAgentEnrichment(Math.max(1, config.userAgentCacheSize()), resolver)
                : null;
    }

    /** A referrer together with the host of the page it led to. */
    private record ReferrerKey(String referrer, String pageHost) {}

    /** The outcome for one event: exactly one of {@code good} and {@code bad} is set. */
    record Outcome(GoodEvent good, BadEvent bad) {}

    /** Enriches one event; never throws for bad input. */
    Outcome enrich(RawEvent raw, Defaults defaults) {
        EnrichedEvent event = new EnrichedEvent();
        try {
            return process(raw, event, defaults);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.debug("Unexpected error while enriching an event", e);
            ObjectNode message = Messages.enrichmentFailure(
                    Messages.error("unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            return new Outcome(null, new BadEvent(unexpectedFailure(raw, event, message), raw.source(), raw));
        }
    }

    /** The bad row of an unexpected failure, without the partial event when that is what cannot be written. */
    private BadRow unexpectedFailure(RawEvent raw, EnrichedEvent partial, ObjectNode message) {
        try {
            return badRows.enrichmentFailures(raw, partial, List.of(message));
        } catch (RuntimeException e) {
            LOG.debug("Cannot write the partial event into the bad row", e);
            return badRows.enrichmentFailures(raw, new EnrichedEvent(), List.of(message));
        }
    }

    private Outcome process(RawEvent raw, EnrichedEvent event, Defaults defaults) {
        Map<String, String> parameters = raw.parameters();
        List<ObjectNode> inputErrors = new ArrayList<>(0);
        setDefaults(event, defaults);
        ParameterMapping.apply(parameters, event, inputErrors);
        if (event.eventId() == null) {
            event.set(AtomicField.EVENT_ID, randomUuid());
        }
        SelfDescribingInputs.Inputs inputs = selfDescribing.read(parameters, inputErrors);
        event.setUnstructEvent(inputs.event());
        event.set(AtomicField.CONTEXTS, inputs.contextsJson());

        List<ObjectNode> enrichmentErrors = new ArrayList<>(0);
        List<DerivedEntity> derived = new ArrayList<>(2);
        runEnrichments(raw, event, inputs, derived, enrichmentErrors);

        List<ObjectNode> postErrors = new ArrayList<>(0);
        setDerivedContexts(event, derived, postErrors);
        checkLengths(event, postErrors);

        if (!inputErrors.isEmpty()) {
            return bad(badRows.schemaViolations(raw, event, inputErrors), raw);
        }
        if (!enrichmentErrors.isEmpty()) {
            return bad(badRows.enrichmentFailures(raw, event, enrichmentErrors), raw);
        }
        if (!postErrors.isEmpty()) {
            return bad(badRows.schemaViolations(raw, event, postErrors), raw);
        }
        return new Outcome(new GoodEvent(event, raw), null);
    }

    /** A random (version 4) UUID; not cryptographically strong, which an event id need not be. */
    private static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xf000L | 0x4000L;
        long least = random.nextLong() & ~(0xcL << 60) | 0x8L << 60;
        return new UUID(most, least).toString();
    }

    private static Outcome bad(BadRow row, RawEvent raw) {
        return new Outcome(null, new BadEvent(row, raw.source(), raw));
    }

    /**
     * What every event of one collector payload starts with, worked out once per payload.
     *
     * @param collector {@code v_collector}
     * @param collectorTstamp {@code collector_tstamp}
     * @param etlTstamp {@code etl_tstamp}
     * @param networkUserId {@code network_userid}
     * @param ipAddress {@code user_ipaddress} from the headers or the socket
     * @param userAgent {@code useragent} from the header
     */
    record Defaults(
            String collector,
            Instant collectorTstamp,
            Instant etlTstamp,
            String networkUserId,
            String ipAddress,
            String userAgent) {

        static Defaults of(CollectorPayload payload, Instant etlTstamp) {
            return new Defaults(
                    EnrichedTsv.sanitise(payload.collector()),
                    Instant.ofEpochMilli(payload.timestamp().toEpochMilli()),
                    etlTstamp,
                    EnrichedTsv.sanitise(payload.networkUserId()),
                    EnrichedTsv.sanitise(IpAddresses.clientAddress(payload.headers(), payload.ipAddress())),
                    EnrichedTsv.sanitise(payload.userAgent()));
        }
    }

    private void setDefaults(EnrichedEvent event, Defaults defaults) {
        event.set(AtomicField.V_COLLECTOR, defaults.collector());
        event.set(AtomicField.V_ETL, config.etlVersion());
        event.set(AtomicField.ETL_TSTAMP, defaults.etlTstamp());
        event.set(AtomicField.COLLECTOR_TSTAMP, defaults.collectorTstamp());
        event.set(AtomicField.NETWORK_USERID, defaults.networkUserId());
        event.set(AtomicField.USER_IPADDRESS, defaults.ipAddress());
        event.set(AtomicField.USERAGENT, defaults.userAgent());
    }

    private void runEnrichments(
            RawEvent raw,
            EnrichedEvent event,
            SelfDescribingInputs.Inputs inputs,
            List<DerivedEntity> derived,
            List<ObjectNode> errors) {
        if (event.getString(AtomicField.V_COLLECTOR) == null) {
            errors.add(Messages.enrichmentFailure(
                    Messages.fieldExpectation("v_collector", null, "a collector name and version")));
        }
        UrlCache.Parsed page = pageUrl(raw, event, errors);
        event.set(
                AtomicField.DERIVED_TSTAMP,
                DerivedTimestamp.derive(
                        event.getInstant(AtomicField.TRUE_TSTAMP),
                        event.getInstant(AtomicField.COLLECTOR_TSTAMP),
                        event.getInstant(AtomicField.DVCE_CREATED_TSTAMP),
                        event.getInstant(AtomicField.DVCE_SENT_TSTAMP)));
        referrer(event, page, errors);
        List<QueryString.Pair> pageQuery = page == null ? List.of() : page.query();
        campaign.apply(pageQuery, event);
        crossDomain(pageQuery, event, derived, errors);
        if (fingerprint != null) {
            event.set(AtomicField.EVENT_FINGERPRINT, fingerprint.of(raw.parameters()));
        }
        if (userAgents != null) {
            userAgents.entityFor(event.getString(AtomicField.USERAGENT)).ifPresent(derived::add);
        }
        eventSchema(event, inputs, errors);
        anonymiseIp(event);
    }

    private UrlCache.Parsed pageUrl(RawEvent raw, EnrichedEvent event, List<ObjectNode> errors) {
        String url = event.getString(AtomicField.PAGE_URL);
        if (url == null) {
            url = EnrichedTsv.sanitise(raw.source().refererUri());
        }
        if (url == null) {
            return null;
        }
        try {
            UrlCache.Parsed parsed = urls.parse(url);
            Urls.Parts parts = parsed.parts();
            event.set(AtomicField.PAGE_URL, EnrichedTsv.sanitise(parts.normalised()));
            event.set(AtomicField.PAGE_URLSCHEME, EnrichedTsv.sanitise(parts.scheme()));
            event.set(AtomicField.PAGE_URLHOST, EnrichedTsv.sanitise(parts.host()));
            event.set(AtomicField.PAGE_URLPORT, parts.port());
            event.set(AtomicField.PAGE_URLPATH, EnrichedTsv.sanitise(parts.path()));
            event.set(AtomicField.PAGE_URLQUERY, EnrichedTsv.sanitise(parts.query()));
            event.set(AtomicField.PAGE_URLFRAGMENT, EnrichedTsv.sanitise(parts.fragment()));
            return parsed;
        } catch (Urls.UnparsableUrlException e) {
            event.set(AtomicField.PAGE_URL, url);
            errors.add(Messages.enrichmentFailure(
                    Messages.fieldExpectation("page_url", url, "a URL that parses: " + e.getMessage())));
            return null;
        }
    }

    private void referrer(EnrichedEvent event, UrlCache.Parsed page, List<ObjectNode> errors) {
        String referrer = event.getString(AtomicField.PAGE_REFERRER);
        if (referrer == null) {
            return;
        }
        UrlCache.Parsed parsed;
        try {
            parsed = urls.parse(referrer);
        } catch (Urls.UnparsableUrlException e) {
            errors.add(Messages.enrichmentFailure(
                    Messages.fieldExpectation("page_referrer", referrer, "a URL that parses: " + e.getMessage())));
            return;
        }
        Urls.Parts parts = parsed.parts();
        event.set(AtomicField.REFR_URLSCHEME, EnrichedTsv.sanitise(parts.scheme()));
        event.set(AtomicField.REFR_URLHOST, EnrichedTsv.sanitise(parts.host()));
        event.set(AtomicField.REFR_URLPORT, parts.port());
        event.set(AtomicField.REFR_URLPATH, EnrichedTsv.sanitise(parts.path()));
        event.set(AtomicField.REFR_URLQUERY, EnrichedTsv.sanitise(parts.query()));
        event.set(AtomicField.REFR_URLFRAGMENT, EnrichedTsv.sanitise(parts.fragment()));
        if (!config.referrerParserEnabled()) {
            return;
        }
        ReferrerParser.Referrer classified =
                classify(referrer, parsed, page == null ? null : page.parts().host());
        if (classified != null) {
            event.set(AtomicField.REFR_MEDIUM, classified.medium());
            event.set(AtomicField.REFR_SOURCE, EnrichedTsv.sanitise(classified.source()));
            event.set(AtomicField.REFR_TERM, EnrichedTsv.sanitise(classified.term()));
        }
    }

    /** The referrer's classification; short referrers are looked up in a cache first. */
    private ReferrerParser.Referrer classify(String referrer, UrlCache.Parsed parsed, String pageHost) {
        if (referrer.length() > UrlCache.MAX_CACHED_LENGTH) {
            return referrers.classify(parsed.parts(), parsed.query(), pageHost, config.internalReferrerDomains());
        }
        return classifications
                .get(
                        new ReferrerKey(referrer, pageHost),
                        key -> Optional.ofNullable(referrers.classify(
                                parsed.parts(), parsed.query(), pageHost, config.internalReferrerDomains())))
                .orElse(null);
    }

    private void crossDomain(
            List<QueryString.Pair> pageQuery,
            EnrichedEvent event,
            List<DerivedEntity> derived,
            List<ObjectNode> errors) {
        String value = null;
        for (QueryString.Pair pair : pageQuery) {
            if (pair.name().equals("_sp")) {
                value = pair.value();
                break;
            }
        }
        if (value == null || value.isEmpty()) {
            return;
        }
        try {
            CrossDomainLinker.Link link = CrossDomainLinker.parse(value);
            event.set(AtomicField.REFR_DOMAIN_USERID, link.domainUserId());
            event.set(AtomicField.REFR_DVCE_TSTAMP, link.timestamp());
            if (config.crossNavigationEntity() && link.domainUserId() != null && link.timestamp() != null) {
                SelfDescribingData entity = link.entity();
                ObjectNode error =
                        resolver.validate(entity.schema(), entity.data()).orElse(null);
                derived.add(DerivedEntity.of(entity, error));
            }
        } catch (CrossDomainLinker.InvalidLinkException e) {
            errors.add(Messages.enrichmentFailure(Messages.fieldExpectation("_sp", value, e.getMessage())));
        }
    }

    private static void eventSchema(EnrichedEvent event, SelfDescribingInputs.Inputs inputs, List<ObjectNode> errors) {
        String type = event.event();
        SchemaKey schema = "unstruct".equals(type)
                ? inputs.event() == null ? null : inputs.event().schema()
                : EventSchemas.forEvent(type);
        if (schema == null) {
            if (!"unstruct".equals(type)) {
                errors.add(Messages.enrichmentFailure(Messages.fieldExpectation(
                        "event", type, "an event type with a schema: pv, pp, se, tr, ti or ue")));
            }
            return;
        }
        event.set(AtomicField.EVENT_VENDOR, schema.vendor());
        event.set(AtomicField.EVENT_NAME, schema.name());
        event.set(AtomicField.EVENT_FORMAT, schema.format());
        event.set(AtomicField.EVENT_VERSION, schema.version().toString());
    }

    private void anonymiseIp(EnrichedEvent event) {
        EnricherConfig.IpAnonymisation anonymisation = config.ipAnonymisation();
        if (anonymisation.enabled()) {
            event.set(
                    AtomicField.USER_IPADDRESS,
                    IpAddresses.anonymise(
                            event.getString(AtomicField.USER_IPADDRESS),
                            anonymisation.ipv4Octets(),
                            anonymisation.ipv6Segments()));
        }
    }

    private static void setDerivedContexts(EnrichedEvent event, List<DerivedEntity> derived, List<ObjectNode> errors) {
        for (DerivedEntity entity : derived) {
            if (entity.validationError() != null) {
                errors.add(Messages.igluError(
                        entity.entity().schema().toUri(),
                        entity.validationError().deepCopy()));
            }
        }
        event.set(AtomicField.DERIVED_CONTEXTS, DerivedEntity.contexts(derived));
    }

    private static void checkLengths(EnrichedEvent event, List<ObjectNode> errors) {
        for (AtomicField field : AtomicField.ALL) {
            if (field.type() != FieldType.STRING || field.maxLength() == 0) {
                continue;
            }
            String value = event.getString(field);
            if (value != null && value.length() > field.maxLength()) {
                errors.add(Messages.fieldError(
                        field.columnName(),
                        value,
                        "Field is longer than the maximum allowed length of " + field.maxLength() + " characters (was "
                                + value.length() + ")"));
            }
        }
    }
}

package io.signalbox.attributes.core;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of events and groups for the core's tests. */
final class TestEvents {
    static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    static final String SNOWPLOW = "com.snowplowanalytics.snowplow";

    private TestEvents() {}

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** An event of Snowplow's vendor, version 1-0-0, for user {@code u1}. */
    static Builder event(String name, Instant time) {
        return new Builder().name(SNOWPLOW, name, "1-0-0").user("u1").time(time);
    }

    static Builder pageView(Instant time) {
        return event("page_view", time);
    }

    /** Compiles the single group of a JSON group definition with its attributes given as JSON. */
    static CompiledGroup compile(String attributes) {
        return compile(attributes, CoreLimits.DEFAULT);
    }

    static CompiledGroup compile(String attributes, CoreLimits limits) {
        return compileGroup(
                "{\"name\":\"g\",\"attribute_key\":{\"name\":\"domain_userid\"},\"attributes\":[" + attributes + "]}",
                limits);
    }

    static CompiledGroup compileGroup(String groupJson, CoreLimits limits) {
        Definitions definitions = DefinitionParser.parseDocument("{\"attribute_groups\":[" + groupJson + "]}");
        AttributeGroupDefinition group = definitions.attributeGroups().getFirst();
        return CompiledGroup.compile(group, definitions.resolveKey(group), limits);
    }

    static final class Builder {
        private final EnrichedEvent event = new EnrichedEvent();
        private final List<SelfDescribingData> contexts = new ArrayList<>();
        private final List<SelfDescribingData> derived = new ArrayList<>();

        Builder name(String vendor, String name, String version) {
            event.set(AtomicField.EVENT_VENDOR, vendor);
            event.set(AtomicField.EVENT_NAME, name);
            event.set(AtomicField.EVENT_VERSION, version);
            event.set(AtomicField.EVENT, name.equals("page_view") || name.equals("page_ping") ? name : "unstruct");
            return this;
        }

        Builder user(String user) {
            event.set(AtomicField.DOMAIN_USERID, user);
            return this;
        }

        Builder time(Instant time) {
            event.set(AtomicField.DERIVED_TSTAMP, time);
            event.set(AtomicField.COLLECTOR_TSTAMP, time);
            return this;
        }

        Builder set(AtomicField field, Object value) {
            event.set(field, value);
            return this;
        }

        Builder url(String url) {
            return set(AtomicField.PAGE_URL, url);
        }

        Builder unstruct(String uri, String dataJson) {
            event.setUnstructEvent(new SelfDescribingData(SchemaKey.parse(uri), Json.parse(dataJson)));
            return this;
        }

        Builder entity(String uri, String dataJson) {
            contexts.add(new SelfDescribingData(SchemaKey.parse(uri), Json.parse(dataJson)));
            return this;
        }

        Builder derivedEntity(String uri, String dataJson) {
            derived.add(new SelfDescribingData(SchemaKey.parse(uri), Json.parse(dataJson)));
            return this;
        }

        EnrichedEvent build() {
            if (!contexts.isEmpty()) {
                event.setContexts(contexts);
            }
            if (!derived.isEmpty()) {
                event.setDerivedContexts(derived);
            }
            return event;
        }
    }
}

package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.tracking.BadEvent;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.EventSink;
import io.signalbox.tracking.GoodEvent;
import io.signalbox.tracking.SinkOverloadedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The collector's sink in the cluster mode: enriched events as TSV lines to the enriched topic and bad rows as JSON
 * to the bad-row topic, with an idempotent producer that waits for every in-sync replica ({@code acks=all}). The
 * collector acknowledges a request once the brokers have acknowledged all its records.
 *
 * <p>Events are keyed by {@code domain_userid} (else {@code network_userid}, else the event id), so the events of one
 * browser stay in order in one partition. The engine repartitions by each other attribute key it needs. When the
 * producer's buffer stays full for a second (the brokers are slow or gone), the request is answered 503 with {@code
 * Retry-After} and the tracker sends it again.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String enrichedTopic;
    private final String badRowsTopic;

    public KafkaEventSink(ClusterSettings settings) {
        ClusterTopics.ensure(settings);
        this.producer = new KafkaProducer<>(producerProperties(settings));
        this.enrichedTopic = settings.enrichedTopic();
        this.badRowsTopic = settings.badRowsTopic();
    }

    static Properties producerProperties(ClusterSettings settings) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    /** The partition key of an event: its browser, else its network user, else itself. */
    static byte[] partitionKey(EnrichedEvent event) {
        for (AtomicField field : List.of(AtomicField.DOMAIN_USERID, AtomicField.NETWORK_USERID, AtomicField.EVENT_ID)) {
            if (event.get(field) instanceof String text && !text.isEmpty()) {
                return text.getBytes(UTF_8);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<Void> append(EnrichmentResult result) {
        List<CompletableFuture<Void>> acks =
                new ArrayList<>(result.good().size() + result.bad().size());
        try {
            for (GoodEvent good : result.good()) {
                byte[] line = EnrichedTsv.format(good.event()).getBytes(UTF_8);
                acks.add(send(new ProducerRecord<>(enrichedTopic, partitionKey(good.event()), line)));
            }
            for (BadEvent bad : result.bad()) {
                acks.add(send(new ProducerRecord<>(
                        badRowsTopic, null, bad.row().toJsonString().getBytes(UTF_8))));
            }
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(
                    new SinkOverloadedException("Kafka did not take the events within 1 s", RETRY_AFTER));
        } catch (KafkaException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                ack.complete(null);
            } else if (error instanceof TimeoutException) {
                ack.completeExceptionally(
                        new SinkOverloadedException("Kafka did not acknowledge in time", RETRY_AFTER));
            } else {
                ack.completeExceptionally(error);
            }
        });
        return ack;
    }

    /** Sends what is buffered and waits for the acknowledgements. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}

package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Produces enriched events to the enriched topic and waits for the acks.
 *
 * <p>The oracle takes the order of its list as the arrival order of every attribute key. The collector keys events by
 * browser, so the events of a key that spans browsers (an account, a user id) may reach the engine from several
 * partitions interleaved differently from the list. To give the engine exactly the oracle's arrival order, the tests
 * produce everything to one partition of the enriched topic; the engine still repartitions by attribute key over all
 * its tasks.
 */
final class TestProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    TestProducer(ClusterSettings settings) {
        ClusterTopics.ensure(settings);
        this.producer = new KafkaProducer<>(KafkaEventSink.producerProperties(settings));
        this.topic = settings.enrichedTopic();
    }

    void send(List<EnrichedEvent> events) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (EnrichedEvent event : events) {
            byte[] line = EnrichedTsv.format(event).getBytes(UTF_8);
            acks.add(producer.send(new ProducerRecord<>(topic, 0, KafkaEventSink.partitionKey(event), line)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

package io.signalbox.cluster;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Positions of the consumers that commit their own offsets after their work is stored. */
final class ConsumerPositions {
    private ConsumerPositions() {}

    /**
     * Moves each assigned partition back to its committed offset, or to its beginning when none is committed: after
     * a failed batch, the records read since the last commit are read again.
     *
     * @throws RuntimeException when the committed offsets cannot be read
     */
    static void rewindToCommitted(Consumer<?, ?> consumer) {
        var assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
        for (TopicPartition partition : assigned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
    }
}

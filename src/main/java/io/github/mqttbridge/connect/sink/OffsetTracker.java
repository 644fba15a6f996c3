package io.github.mqttbridge.connect.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition were handed over and which are done (acknowledged by the broker, or settled
 * without a publish), so that the offset to commit never passes a record that is not done. Acknowledgements
 * come on the client's thread, in any order across partitions; everything else on the task's.
 */
final class OffsetTracker {
    /** What one partition has handed over since it was assigned or rewound. */
    final class Partition {
        private final TreeSet<Long> pending = new TreeSet<>();
        private long highestSubmitted = -1;
        private long rewoundTo = -1;
        /** The first offset handed over: the position the consumer already had, so nothing new to commit. */
        private long first = -1;

        /** Marks {@code offset} done; ignored when the partition was since closed or rewound. */
        void done(long offset) {
            synchronized (OffsetTracker.this) {
                pending.remove(offset);
            }
        }

        private long committable() {
            return pending.isEmpty() ? highestSubmitted + 1 : pending.first();
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /**
     * Whether to take the record at {@code offset}: not when it was already handed over (a batch redelivered
     * after a RetriableException), and after a rewind not before the record it rewound to comes again, since
     * taking a later one first would leave a gap.
     */
    synchronized boolean accepts(TopicPartition tp, long offset) {
        Partition p = partitions.get(tp);
        if (p == null) {
            return true;
        }
        if (p.rewoundTo >= 0) {
            return offset == p.rewoundTo;
        }
        return offset > p.highestSubmitted;
    }

    /**
     * Records that {@code offset} is handed over and not yet done; offsets of a partition must come in
     * ascending order. Returns the partition to call {@link Partition#done} on.
     */
    synchronized Partition submit(TopicPartition tp, long offset) {
        Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
        if (offset <= p.highestSubmitted) {
            throw new IllegalStateException(tp + " offset " + offset + " submitted after " + p.highestSubmitted);
        }
        if (p.first < 0) {
            p.first = offset;
        }
        p.highestSubmitted = offset;
        p.rewoundTo = -1;
        p.pending.add(offset);
        return p;
    }

    /** The next offset to consume of every partition with something done: all below it are done. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        for (TopicPartition tp : assigned) {
            Partition p = partitions.get(tp);
            if (p != null && p.first >= 0 && p.committable() > p.first) {
                result.put(tp, new OffsetAndMetadata(p.committable()));
            }
        }
        return result;
    }

    /**
     * After a publish of {@code failed} was lost: forgets what the partition handed over from its first record
     * not done on, and returns that offset to consume again from; -1 when {@code failed} is no longer current
     * (closed, or rewound already).
     */
    synchronized long rewind(TopicPartition tp, Partition failed) {
        Partition p = partitions.get(tp);
        if (p != failed || p.pending.isEmpty()) {
            return -1;
        }
        long from = p.pending.first();
        Partition fresh = new Partition();
        fresh.highestSubmitted = from - 1;
        fresh.rewoundTo = from;
        partitions.put(tp, fresh);
        return from;
    }

    /** Forgets partitions this task no longer owns; late acknowledgements for them change nothing. */
    synchronized void forget(Collection<TopicPartition> closed) {
        closed.forEach(partitions::remove);
    }
}

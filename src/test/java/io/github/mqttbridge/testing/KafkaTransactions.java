package io.github.mqttbridge.testing;

import static io.github.mqttbridge.testing.KafkaTestClient.get;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions Kafka holds open, for tests that restart Kafka under transactional producers.
 *
 * <p>Kafka 4.4 (transaction protocol 2) can leave a transaction hanging when its broker shuts down: a partition
 * verified for a transaction while the transaction coordinator resigns gets the producer's records, but the
 * coordinator never records the partition, so no marker ever ends the transaction there. A read_committed consumer
 * waits behind it forever, a Connect worker reading its offsets topic among them: the exactly-once source task of
 * that worker never starts. An operator ends it with {@code kafka-transactions.sh find-hanging} and {@code abort};
 * {@link #abortHanging()} does what they would.
 */
public final class KafkaTransactions {
    /** Markers go out before a coordinator calls a transaction complete; this long after, none is coming. */
    private static final long SETTLED_MS = 10_000;
    private static final Set<TransactionState> IN_PROGRESS =
            EnumSet.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactions.class);

    private final Admin admin;

    KafkaTransactions(Admin admin) {
        this.admin = admin;
    }

    /**
     * Every transaction open on a partition (what holds a read_committed consumer back) and every transactional id
     * its coordinator knows, with its state, one a line: for a failure's message.
     */
    public String describe() {
        StringBuilder lines = new StringBuilder();
        openOnPartitions().forEach(open -> lines.append(open.partition).append(": ").append(open.producer)
                .append('\n'));
        coordinators().values().forEach(txn -> lines.append(txn).append('\n'));
        return lines.toString();
    }

    /**
     * Aborts, as {@code kafka-transactions.sh abort} would, each transaction open on a partition whose coordinator
     * has moved past it: the producer's epoch there is older than the coordinator's, and the coordinator calls its
     * transaction over or does not count the partition in it, once its last record there is {@value #SETTLED_MS} ms
     * old. A coordinator that does not answer for the producer (still loading after a restart) leaves its
     * transactions alone: one it holds prepared to commit must still get its markers. Returns what it aborted.
     */
    public List<Aborted> abortHanging() {
        Map<Long, TransactionDescription> coordinators = coordinators();
        List<Aborted> aborted = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (OpenTransaction open : openOnPartitions()) {
            TransactionDescription txn = coordinators.get(open.producer.producerId());
            boolean movedPast = txn != null && txn.producerEpoch() > open.producer.producerEpoch()
                    && (!IN_PROGRESS.contains(txn.state()) || !txn.topicPartitions().contains(open.partition));
            if (movedPast && now - open.producer.lastTimestamp() > SETTLED_MS) {
                get(admin.abortTransaction(new AbortTransactionSpec(open.partition, open.producer.producerId(),
                        (short) open.producer.producerEpoch(), open.producer.coordinatorEpoch().orElse(-1))).all());
                aborted.add(new Aborted(open.partition, open.producer, txn));
            }
        }
        return aborted;
    }

    /**
     * A hanging transaction that was aborted: the producer's on {@code partition}, as its coordinator knew it.
     */
    public record Aborted(TopicPartition partition, ProducerState producer, TransactionDescription coordinator) {

        /**
         * Whether its coordinator had committed it: the producer was told its transaction committed, and the abort
         * dropped records the producer rightly took for written. Kafka's loss: its coordinator committed without
         * the partition, so no COMMIT marker ever reached it, and an abort is all an operator can do.
         */
        public boolean committedByItsCoordinator() {
            return coordinator.state() == TransactionState.COMPLETE_COMMIT
                    && coordinator.producerEpoch() == producer.producerEpoch() + 1;
        }

        /**
         * The records the abort dropped: from the transaction's first offset on the partition, as many as its
         * producer's last sequence there says (sequences start again at 0 with each epoch, and transaction
         * protocol 2 gives each transaction an epoch of its own). Right for a partition only that producer writes.
         */
        public List<ConsumerRecord<byte[], byte[]>> droppedRecords(KafkaTestClient kafka) {
            return kafka.readUncommitted(partition, producer.currentTransactionStartOffset().orElseThrow(),
                    producer.lastSequence() + 1);
        }

        @Override
        public String toString() {
            return partition + ": " + producer + ", coordinator: " + coordinator;
        }
    }

    /** Starts a {@link Reaper} that calls {@link #abortHanging()} every {@code period}. */
    public Reaper abortHangingEvery(Duration period) {
        return new Reaper(period);
    }

    /**
     * Aborts Kafka's hanging transactions every period on a thread of its own until closed. A round that finds Kafka
     * down (a restart) or its coordinator still loading is only skipped.
     */
    public final class Reaper implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-hanging-transactions");
            thread.setDaemon(true);
            return thread;
        });
        private final List<Aborted> aborted = new ArrayList<>();
        private int drained;

        private Reaper(Duration period) {
            timer.scheduleWithFixedDelay(this::reap, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void reap() {
            try {
                for (Aborted transaction : abortHanging()) {
                    LOG.warn("Aborted a transaction Kafka left hanging: {}", transaction);
                    synchronized (this) {
                        aborted.add(transaction);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Kafka's transactions not readable this round", e);
            }
        }

        /** What it aborted since the last call. */
        public synchronized List<Aborted> drain() {
            List<Aborted> since = List.copyOf(aborted.subList(drained, aborted.size()));
            drained = aborted.size();
            return since;
        }

        /** Everything it aborted so far. */
        public synchronized List<Aborted> aborted() {
            return List.copyOf(aborted);
        }

        @Override
        public void close() {
            timer.shutdownNow();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record OpenTransaction(TopicPartition partition, ProducerState producer) {
    }

    private List<OpenTransaction> openOnPartitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        get(admin.describeTopics(get(admin.listTopics().names())).allTopicNames()).values().forEach(topic ->
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        List<OpenTransaction> open = new ArrayList<>();
        get(admin.describeProducers(partitions).all()).forEach((partition, producers) ->
                producers.activeProducers().stream().filter(p -> p.currentTransactionStartOffset().isPresent())
                        .forEach(p -> open.add(new OpenTransaction(partition, p))));
        return open;
    }

    /** What each transaction's coordinator knows of it, by producer id. */
    private Map<Long, TransactionDescription> coordinators() {
        List<String> ids = get(admin.listTransactions().all()).stream().map(TransactionListing::transactionalId)
                .toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return get(admin.describeTransactions(ids).all()).values().stream()
                .collect(Collectors.toMap(TransactionDescription::producerId, Function.identity(), (a, b) -> a));
    }
}

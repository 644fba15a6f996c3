package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttErrorCode;
import io.github.mqttbridge.client.MqttException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records to MQTT asynchronously and lets Connect commit an offset only when every record up to it
 * was acknowledged by the broker (QoS 1: PUBACK, QoS 2: PUBCOMP, QoS 0: written). Records of one partition are
 * published in offset order by one client, which keeps that order, also when it resends after a reconnect.
 */
public class MqttSinkTask extends SinkTask {
    /** Internal key set by the connector: the task's index, for a stable client id and metrics name. */
    static final String TASK_INDEX_CONFIG = "mqtt.task.index";
    private static final Logger log = LoggerFactory.getLogger(MqttSinkTask.class);

    /** A failed publish of a partition whose state was {@code partition}; the partition is read again. */
    private record Failure(TopicPartition tp, OffsetTracker.Partition partition) {
    }

    private final OffsetTracker offsets = new OffsetTracker();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    /** Notified whenever a publish completes, for put() waiting for room. */
    private final Object room = new Object();
    private int outstanding;
    /** mqtt.max.outstanding.records, read once: the config lookup showed in the per-record profile. */
    private int maxOutstanding;
    /** When the task last made progress while records waited (an ack, or the first record after idling). */
    private volatile long progressNanos;
    private volatile boolean stopping;

    private MqttSinkConnectorConfig config;
    private RecordMapper mapper;
    private MqttClient client;
    private SinkTaskMetrics metrics;
    private OutageLog outage;
    private boolean tolerateAll;
    private ErrantRecordReporter reporter;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new MqttSinkConnectorConfig(props);
        maxOutstanding = config.maxOutstandingRecords();
        mapper = new RecordMapper(config);
        String connector = props.getOrDefault("name", "mqtt-sink");
        int index = Integer.parseInt(props.getOrDefault(TASK_INDEX_CONFIG, "0"));
        tolerateAll = "all".equalsIgnoreCase(props.get("errors.tolerance"));
        reporter = context == null ? null : context.errantRecordReporter();
        String clientId = config.clientId(connector, index);
        ConnectOptions options = config.connectOptions()
                .maxInflight(config.maxInflight())
                .disconnectedPublishing(true)
                .disconnectedBufferSize(maxOutstanding)
                .build();
        client = new MqttClient(config.serverUris().get(0), clientId);
        MqttClient c = client;
        metrics = new SinkTaskMetrics(c::isConnected);
        outage = new OutageLog(clientId, maxOutstanding, metrics);
        client.onConnectionLost(outage::lost).onConnected(outage::connected);
        metrics.register(connector, index);
        log.info("MQTT sink task {} of '{}' starting: brokers {}, client id '{}', topic template '{}', QoS {}, "
                + "retained {}, payload format {}, tombstones {}, errors.tolerance {}; guarantee: {}", index,
                connector, config.serverUris(), clientId, config.topicTemplate(), config.qos(), config.retained(),
                config.payloads(), config.tombstoneBehavior().configName(), tolerateAll ? "all" : "none",
                config.qos() == 0 ? "at most once (QoS 0: an offset is committed once its message is written)"
                        : "at least once (an offset is committed only after the broker acknowledged its record)");
        progressNanos = System.nanoTime();
        // Not waited for: the client retries until the broker answers and buffers publishes meanwhile.
        client.connect(options);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        rewindFailedPartitions();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            long offset = record.originalKafkaOffset();
            if (!offsets.accepts(tp, offset)) {
                continue;
            }
            RecordMapper.Publication publication;
            try {
                publication = mapper.map(record);
            } catch (BadRecordException e) {
                badRecord(record, tp, offset, e);
                continue;
            }
            if (publication == null) {
                offsets.submit(tp, offset).done(offset);
            } else {
                publish(tp, offset, publication);
            }
        }
    }

    private void publish(TopicPartition tp, long offset, RecordMapper.Publication p) {
        awaitRoom();
        CompletableFuture<Void> sent = client.publish(p.topic(), p.payload(), p.qos(), p.retained());
        if (sent.isCompletedExceptionally() && bufferFull(sent)) {
            stalled("the MQTT client's buffer for an unreachable broker is full");
        }
        OffsetTracker.Partition partition = offsets.submit(tp, offset);
        synchronized (room) {
            if (outstanding++ == 0) {
                progressNanos = System.nanoTime();
            }
        }
        metrics.published.incrementAndGet();
        sent.whenComplete((ok, error) -> completed(tp, offset, partition, error));
    }

    private static boolean bufferFull(CompletableFuture<Void> sent) {
        try {
            sent.join();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof MqttException m && m.code() == MqttErrorCode.BUFFER_FULL;
        }
    }

    private void completed(TopicPartition tp, long offset, OffsetTracker.Partition partition, Throwable error) {
        if (error == null) {
            partition.done(offset);
            metrics.acknowledged.incrementAndGet();
            progressNanos = System.nanoTime();
        } else if (!stopping) {
            // Only QoS 0 messages caught by a lost connection end here while running: QoS 1 and 2 ones stay in
            // the client until acknowledged. The partition is read again from its first record not done.
            metrics.failures.incrementAndGet();
            failures.add(new Failure(tp, partition));
            log.debug("Publish of {} offset {} failed, the partition is read again: {}", tp, offset,
                    error.toString());
        }
        synchronized (room) {
            outstanding--;
            room.notifyAll();
        }
    }

    /** Waits until fewer than mqtt.max.outstanding.records wait; after mqtt.retry.backoff.ms gives up. */
    private void awaitRoom() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.retryBackoffMs());
        synchronized (room) {
            while (outstanding >= maxOutstanding) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("interrupted while waiting for the MQTT broker", e);
                }
            }
            if (outstanding < maxOutstanding) {
                return;
            }
        }
        stalled(maxOutstanding + " records wait for the broker's acknowledgement");
    }

    /**
     * Hands the rest of the batch back to Connect for later, or fails the task once no acknowledgement came
     * for mqtt.retry.timeout.ms. Records already handed to the client are remembered and skipped on redelivery.
     */
    private void stalled(String why) {
        if (!client.isConnected()) {
            outage.notYetConnected();
        }
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - progressNanos);
        if (waitedMs > config.retryTimeoutMs()) {
            throw new ConnectException("No acknowledgement from the MQTT broker for " + waitedMs + " ms while "
                    + why + "; giving up after " + MqttSinkConnectorConfig.RETRY_TIMEOUT_MS_CONFIG + "="
                    + config.retryTimeoutMs());
        }
        context.timeout(config.retryBackoffMs());
        throw new RetriableException(why + "; the rest of the batch is retried in " + config.retryBackoffMs()
                + " ms");
    }

    private void badRecord(SinkRecord record, TopicPartition tp, long offset, BadRecordException e) {
        metrics.badRecords.incrementAndGet();
        String where = "record " + record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
        if (!tolerateAll) {
            throw new ConnectException("Cannot publish " + where + ": " + e.getMessage()
                    + " (errors.tolerance=none; set it to all to route such records to the dead letter queue)", e);
        }
        if (reporter != null) {
            reporter.report(record, e);
        } else {
            log.warn("Skipping {}: {} (errors.tolerance=all, no dead letter queue)", where, e.getMessage());
        }
        offsets.submit(tp, offset).done(offset);
    }

    private void rewindFailedPartitions() {
        Failure f;
        while ((f = failures.poll()) != null) {
            long from = offsets.rewind(f.tp(), f.partition());
            if (from >= 0) {
                log.info("Publishes of {} were lost with the connection; reading it again from offset {}", f.tp(),
                        from);
                context.offset(f.tp(), from);
            }
        }
    }

    /** Only offsets whose records, and all before them, are done; never past an unacknowledged record. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        rewindFailedPartitions();
        return offsets.committable(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
    }

    @Override
    public void stop() {
        stopping = true;
        if (client != null) {
            client.close();
        }
        if (metrics != null) {
            metrics.unregister();
        }
    }
}

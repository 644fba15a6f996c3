package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttErrorCode;
import io.github.mqttbridge.client.MqttException;
import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.connect.TaskConfig;
import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.task.SessionTakeover;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records to MQTT asynchronously and lets Connect commit an offset only when every record up to it
 * was acknowledged by the broker (QoS 1: PUBACK, QoS 2: PUBCOMP, QoS 0: written). Records of one partition are
 * published in offset order by one client, which keeps that order, also when it resends after a reconnect. The
 * task delegates: {@link SinkRecordMapper} makes the messages, {@link PublishWindow} bounds what is outstanding,
 * {@link OffsetTracker} says what may be committed, {@link SinkBadRecords} applies errors.tolerance and
 * {@link SinkOutageLog} reports an unreachable broker.
 */
public class MqttSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(MqttSinkTask.class);

    /** A failed publish of a partition whose state was {@code partition}; the partition is read again. */
    private record Failure(TopicPartition tp, OffsetTracker.Partition partition) {
    }

    private final OffsetTracker offsets = new OffsetTracker();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    private SinkRecordMapper mapper;
    private PublishWindow window;
    private MqttClient client;
    private MqttSinkTaskMetrics metrics;
    private SinkOutageLog outage;
    private SinkBadRecords badRecords;
    private SinkRefusals refusals;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        TaskConfig<MqttSinkConnectorConfig> task = TaskConfig.parse(props, MqttSinkConnectorConfig::new);
        MqttSinkConnectorConfig config = task.connector();
        mapper = new SinkRecordMapper(config);
        window = new PublishWindow(config.maxOutstandingRecords(), config.retryBackoffMs(), config.retryTimeoutMs());
        client = new MqttClient(config.serverUris().get(0), task.clientId());
        metrics = new MqttSinkTaskMetrics(task, client::isConnected);
        ErrantRecordReporter reporter = context == null ? null : context.errantRecordReporter();
        badRecords = new SinkBadRecords(task.toleratesAllErrors(), reporter, metrics);
        refusals = new SinkRefusals(task.toleratesAllErrors(), reporter, task.clientId(), metrics);
        outage = new SinkOutageLog(task.clientId(), config.maxOutstandingRecords(), metrics);
        client.onConnectionLost(lost -> {
            outage.lost(lost);
            SessionTakeover.explain(lost, task.clientId(), "sink " + task);
        }).onConnected(outage::connected);
        metrics.register();
        log.info("MQTT sink {} starting: brokers {}, client id '{}', topic template '{}', QoS {}, retained {}, "
                + "payload format {}, tombstones {}, errors.tolerance {}; guarantee: {}", task, config.serverUris(),
                task.clientId(), config.topicTemplate(), config.qos(), config.retained(), config.payloads(),
                config.tombstoneBehavior().configName(), task.toleratesAllErrors() ? "all" : "none",
                config.qos() == 0 ? "at most once (QoS 0: an offset is committed once its message is written)"
                        : "at least once (an offset is committed only after the broker acknowledged its record)");
        // Not waited for: the client retries until the broker answers and buffers publishes meanwhile.
        client.connect(config.connectOptions()
                .maxInflight(config.maxInflight())
                .maxInflightQos2(config.maxInflightQos2())
                .disconnectedPublishing(true)
                .disconnectedBufferSize(config.maxOutstandingRecords())
                .outboundTopicAliases(config.outboundTopicAliases())
                .build());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        // Connect calls put() also when no records came, so refusals are handled without waiting for more.
        refusals.handle();
        rewindFailedPartitions();
        // The batch's publishes leave in a few writes rather than one each: less CPU per record, here and in the
        // broker, whose acknowledgements then come in batches too.
        try (MqttClient.WriteBatch batch = client.batchWrites()) {
            records.forEach(record -> putRecord(record, batch));
        }
    }

    private void putRecord(SinkRecord record, MqttClient.WriteBatch batch) {
        TopicPartition tp = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        if (!offsets.accepts(tp, offset)) {
            return;
        }
        SinkRecordMapper.Publication publication;
        try {
            publication = mapper.map(record);
        } catch (BadRecordException e) {
            badRecords.handle(record, e);
            publication = null;
        }
        if (publication == null || publication.message() == null) {
            if (publication != null && publication.expired()) {
                metrics.expired();
            }
            offsets.submit(tp, offset).done(offset);
        } else {
            publish(record, tp, offset, publication.message(), batch);
        }
    }

    private void publish(SinkRecord record, TopicPartition tp, long offset, MqttMessage message,
                         MqttClient.WriteBatch batch) {
        if (!window.hasRoom()) {
            // Room comes with acknowledgements, which only what was written can earn.
            batch.flush();
        }
        if (!window.awaitRoom()) {
            stalled(window.full());
        }
        CompletableFuture<Void> sent = client.send(message);
        if (sent.isCompletedExceptionally() && bufferFull(sent)) {
            stalled("the MQTT client's buffer for an unreachable broker is full");
        }
        OffsetTracker.Partition partition = offsets.submit(tp, offset);
        window.opened();
        metrics.published();
        sent.whenComplete((ok, error) -> completed(record, message.destinationName(), tp, offset, partition, error));
    }

    private static boolean bufferFull(CompletableFuture<Void> sent) {
        try {
            sent.join();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof MqttException m && m.code() == MqttErrorCode.BUFFER_FULL;
        }
    }

    private void completed(SinkRecord record, String topic, TopicPartition tp, long offset,
                           OffsetTracker.Partition partition, Throwable error) {
        // The client's futures fail with its MqttException itself, unwrapped.
        boolean refused = error instanceof MqttException e && e.code() == MqttErrorCode.PUBLISH_FAILED;
        if (error == null) {
            partition.done(offset);
            metrics.acknowledged();
        } else if (error instanceof MqttException e && e.code() == MqttErrorCode.MESSAGE_EXPIRED) {
            // It waited in the client (broker unreachable) beyond its message expiry: as stale as if never sent.
            metrics.expiredUnsent();
            partition.done(offset);
        } else if (refused) {
            refusals.add(new SinkRefusals.Refusal(record, topic, (MqttException) error, () -> partition.done(offset)));
        } else if (!stopping) {
            // Only QoS 0 messages caught by a lost connection end here while running: QoS 1 and 2 ones stay in
            // the client until acknowledged. The partition is read again from its first record not done.
            metrics.failed();
            failures.add(new Failure(tp, partition));
            log.debug("Publish of {} offset {} failed, the partition is read again: {}", tp, offset,
                    error.toString());
        }
        // A refusal is the broker's answer too: it counts as progress against mqtt.retry.timeout.ms.
        window.closed(error == null || refused);
    }

    /**
     * Hands the rest of the batch back to Connect for later, or fails the task once no acknowledgement came
     * for mqtt.retry.timeout.ms. Records already handed to the client are remembered and skipped on redelivery.
     */
    private void stalled(String why) {
        if (!client.isConnected()) {
            outage.notYetConnected();
        }
        RuntimeException retryLater = window.stalled(why);
        context.timeout(window.backoffMs());
        throw retryLater;
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

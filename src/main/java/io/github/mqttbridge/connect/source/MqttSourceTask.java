package io.github.mqttbridge.connect.source;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.connect.PluginVersion;
import io.github.mqttbridge.connect.TaskConfig;
import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.task.SessionTakeover;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to its share of the filters and turns each message into a record. A QoS 1 or 2 message is
 * acknowledged to the broker only in {@link #commitRecord}, once Kafka has its record: a task, worker or broker
 * that dies before loses nothing, as the broker (session kept with clean session off) sends it again. The task
 * delegates: {@link Subscriptions} subscribes, {@link HandOverQueue} and {@link UncommittedRecords} bound what
 * waits, {@link SourceRecordMapper} makes the records, each a {@link MessageRecord} that carries its message to
 * acknowledge, {@link PendingAcks} counts those awaiting Kafka, {@link SourceBadRecords} applies errors.tolerance
 * and {@link SourceOutageLog} reports an unreachable broker.
 */
public class MqttSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(MqttSourceTask.class);
    private static final int MAX_RECEIVE_MAXIMUM = 65_535;
    /**
     * With this many records handed to Connect and not yet in Kafka, the producer has plenty to send, so poll()
     * lets {@link #GATHER_NANOS} pass for more messages once the first is there: fewer, larger batches, and fewer
     * wake-ups of the task's thread by the client's. A slower flow is handed over at once: at 5,000 messages a
     * second Kafka holds fewer than this (about 25 at the producer's default linger of 5 ms, even fewer without
     * it), and a threshold of 64 was reached in bursts there and cost 3 ms of p99 latency.
     */
    private static final int GATHER_UNCOMMITTED = 128;
    private static final long GATHER_NANOS = 1_000_000;

    private TaskConfig<MqttSourceConnectorConfig> task;
    private MqttSourceConnectorConfig config;
    private HandOverQueue queue;
    private PendingAcks pendingAcks;
    private UncommittedRecords uncommitted;
    private SourceRecordMapper mapper;
    private SourceBadRecords badRecords;
    private MqttClient client;
    private MqttSourceTaskMetrics metrics;
    private SourceOutageLog outage;
    /** The QoS 2 receipts kept in the offsets when the task delivers exactly once; null when at least once. */
    private TransactionalReceipts receipts;
    private volatile ConnectException fatal;
    private long sequence;

    @Override
    public String version() {
        return PluginVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        task = TaskConfig.parse(props, MqttSourceConnectorConfig::new);
        config = task.connector();
        String clientId = task.clientId();
        queue = new HandOverQueue(config.queueMaxMessages(), config.queueMaxBytes());
        pendingAcks = new PendingAcks();
        uncommitted = new UncommittedRecords(config.queueMaxMessages(), config.queueMaxBytes());
        SubscribedFilters filters = new SubscribedFilters(config.topics());
        PayloadReader payloads = config.payloadReader();
        Map<String, ?> partition = SourceRecordMapper.partition(clientId);
        receipts = config.exactlyOnce() ? TransactionalReceipts.resume(context.offsetStorageReader(), partition,
                config.heartbeatTopic(), clientId, queue::wake) : null;
        mapper = new SourceRecordMapper(config.kafkaTopic(), payloads, partition, filters, receipts);
        badRecords = new SourceBadRecords(task.toleratesAllErrors(), config.deadLetterTopic(), mapper);
        client = new MqttClient(config.serverUris().get(0), clientId);
        metrics = new MqttSourceTaskMetrics(task, pendingAcks, queue, client::isConnected);
        metrics.sparkplugUnknownAliases(payloads::unknownAliases);
        metrics.register();
        Subscriptions subscriptions = new Subscriptions(client, filters, config.qos(), this::fail,
                lowestGranted -> log.info("MQTT source {} subscribed to all {} filters, the lowest at QoS {}; "
                        + "guarantee in force: {}", task, config.topics().size(), lowestGranted,
                        SourceGuarantee.of(lowestGranted, config.keepsSession(), receipts != null)));
        metrics.subscriptions(subscriptions::allConfirmed);
        outage = new SourceOutageLog(task);
        listen(subscriptions);
        log.info("MQTT source {} starting: brokers {}, client id '{}', filters {} at QoS {}, clean session {}, to "
                        + "Kafka topic '{}' as {}; guarantee: {}", task, config.serverUris(), clientId,
                config.topics(), config.qos(), config.cleanSession(), config.kafkaTopic(),
                payloads.configName(), SourceGuarantee.of(config.qos(), config.keepsSession(), receipts != null));
        // retryInitialConnect is on: an unreachable broker leaves the task running and retrying, not failing.
        // The receive maximum makes a broker on MQTT 5 hold back what a slow Kafka would leave waiting here.
        client.connect(config.connectOptions(Math.min(config.queueMaxMessages(), MAX_RECEIVE_MAXIMUM))
                .manualAcks(true)
                .receiptKeeper(receipts)
                .maxInboundQueue(config.queueMaxMessages(), config.queueMaxBytes())
                .build());
    }

    /** The client's callbacks: subscribe on each connection, follow outages, hand messages over. */
    private void listen(Subscriptions subscriptions) {
        client.onConnected((reconnect, uri) -> {
            outage.connected();
            if (reconnect) {
                metrics.reconnected();
            }
            subscriptions.subscribeMissing();
        });
        client.onConnectionLost(lost -> {
            outage.lost();
            SessionTakeover.explain(lost, task.clientId(), "source " + task);
        });
        client.onMessageArrived(this::arrived);
    }

    private void arrived(MqttMessage message) {
        metrics.messageReceived();
        try {
            queue.put(Arrived.of(message, System.currentTimeMillis(), client.mqttVersion() == 5));
        } catch (InterruptedException e) {
            // The client is closing: the message stays unacknowledged and the broker sends it again.
            Thread.currentThread().interrupt();
        }
    }

    private void fail(ConnectException e) {
        log.error(e.getMessage());
        fatal = e;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        throwIfFailed();
        if (!uncommitted.awaitRoom(config.pollTimeoutMs())) {
            return null;
        }
        boolean heartbeatDue = receipts != null && receipts.unstamped();
        List<Arrived> batch = queue.drain(config.pollBatchSize(), heartbeatDue ? 0 : config.pollTimeoutMs(),
                uncommitted.size() >= GATHER_UNCOMMITTED ? GATHER_NANOS : 0);
        if (batch.isEmpty()) {
            SourceRecord heartbeat = receipts == null ? null : receipts.heartbeat(++sequence);
            if (heartbeat != null) {
                return List.of(heartbeat);
            }
            outage.idle();
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(batch.size());
        for (Arrived arrived : batch) {
            MessageRecord record;
            try {
                record = mapper.toRecord(arrived, ++sequence);
            } catch (BadRecordException e) {
                record = badRecords.handle(arrived, sequence, e);
                if (record == null) {
                    arrived.message().ack();
                    continue;
                }
            }
            pendingAcks.track(record);
            records.add(record);
            uncommitted.handedOver(record);
        }
        return records;
    }

    private void throwIfFailed() {
        ConnectException e = fatal;
        if (e != null) {
            throw e;
        }
    }

    /**
     * Kafka has the record (or dropped it on purpose, {@code metadata} null): the broker may forget the message.
     * Delivering exactly once, this comes after the record's transaction committed, and with a record Kafka
     * took, the receipts in its offset committed too.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (receipts != null && receipts.committed(record, SourceRecordMapper.sequence(record), metadata != null)) {
            return;
        }
        if (record instanceof MessageRecord message && message.settle()) {
            pendingAcks.acknowledge(message);
            uncommitted.committed(message);
        }
        metrics.recordCommitted();
    }

    @Override
    public void stop() {
        // Closing the queue first releases a callback waiting on a full queue, so the client can close at once.
        // Messages not yet acknowledged stay in the broker's session for the next task with this client id.
        if (queue != null) {
            queue.close();
        }
        if (client != null) {
            client.close();
        }
        if (metrics != null) {
            metrics.unregister();
        }
        log.info("MQTT source {} stopped with {} messages not yet acknowledged; the broker keeps them",
                task == null ? "task" : task, pendingAcks == null ? 0 : pendingAcks.size());
    }
}

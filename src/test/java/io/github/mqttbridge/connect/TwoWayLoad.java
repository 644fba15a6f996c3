package io.github.mqttbridge.connect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.RawSubscriber;
import io.github.mqttbridge.connect.sink.SinkTraffic;
import io.github.mqttbridge.connect.sink.Subscriber;
import io.github.mqttbridge.connect.source.KafkaTally;
import io.github.mqttbridge.connect.source.SourceTraffic;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.SteadyStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * A steady QoS 1 load through a source and a sink connector at once, for as long as a scenario needs: numbered
 * MQTT messages on fresh topics under the source's filter {@code +/+/temp}, which must all reach Kafka, and
 * numbered records on every partition of the sink's topic, which must all reach an MQTT subscriber. The sink's
 * topic lives across scenarios, so each load numbers its records on from where the previous one stopped.
 */
final class TwoWayLoad implements AutoCloseable {

    /** What one direction of a load sent, and how much of it never arrived or arrived more than once. */
    record Direction(int sent, int lost, int duplicates) {
    }

    /** Both directions of a finished load; {@code sinkPerPartition} is what the next load numbers on from. */
    record Outcome(Direction source, Direction sink, int sinkPerPartition) {
    }

    static final String SOURCE_FILTER = "+/+/temp";
    private static final Duration PERIOD = Duration.ofMillis(100);
    /** 200 MQTT messages a second into the source. */
    private static final int SOURCE_CHUNK = 20;
    /** Records per partition and period: 240 a second over six partitions into the sink. */
    private static final int SINK_CHUNK = 4;

    private final KafkaTestClient kafka;
    private final SourceTraffic traffic = new SourceTraffic(3);
    private final MqttClient publisher;
    private final Subscriber subscriber;
    private final KafkaProducer<String, String> producer;
    private final String sinkTopic;
    private final int partitions;
    private final int sinkBase;
    private final SteadyStream sourceStream;
    private final SteadyStream sinkStream;

    /**
     * Starts both streams once the source's subscription is live. {@code sinkMqttPrefix} is where the sink
     * publishes ({@code <prefix>/<topic>/<partition>}); {@code sinkBase} is the number of records each partition
     * of {@code sinkTopic} already holds.
     */
    TwoWayLoad(KafkaTestClient kafka, String bootstrapServers, String mqttUri, String sinkTopic, int partitions,
               int sinkBase, String sinkMqttPrefix) throws Exception {
        this.kafka = kafka;
        this.sinkTopic = sinkTopic;
        this.partitions = partitions;
        this.sinkBase = sinkBase;
        this.publisher = SourceTraffic.publisher(mqttUri);
        this.subscriber = new RawSubscriber(mqttUri, sinkMqttPrefix + "/#");
        this.producer = SinkTraffic.producer(bootstrapServers);
        traffic.awaitSubscribed(kafka, publisher);
        sourceStream = SteadyStream.start("publish-" + traffic.id, Integer.MAX_VALUE, PERIOD,
                chunk -> traffic.publish(publisher, chunk * SOURCE_CHUNK, (chunk + 1) * SOURCE_CHUNK, 1));
        sinkStream = SteadyStream.start("produce-" + sinkTopic, Integer.MAX_VALUE, PERIOD,
                chunk -> SinkTraffic.produce(producer, List.of(sinkTopic), partitions,
                        sinkBase + chunk * SINK_CHUNK, sinkBase + (chunk + 1) * SINK_CHUNK));
    }

    /** Messages published to MQTT so far. */
    int sourceSent() {
        return sourceStream.chunksSent() * SOURCE_CHUNK;
    }

    /** Ends both streams and waits until everything sent has arrived, or fails naming what is missing. */
    Outcome finish(Duration arrival) throws Exception {
        int sourceSent = sourceStream.finish(arrival) * SOURCE_CHUNK;
        int sinkPerPartition = sinkStream.finish(arrival) * SINK_CHUNK;
        KafkaTally tally = new KafkaTally(sourceSent, traffic.readAll(kafka, sourceSent, arrival));
        Direction source = new Direction(sourceSent, tally.missing().size(), tally.duplicates());
        List<String> expected = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = sinkBase; i < sinkBase + sinkPerPartition; i++) {
                expected.add(sinkTopic + ":" + p + ":" + i);
            }
        }
        List<String> missing = new ArrayList<>();
        await("all " + expected.size() + " sink records at the subscriber").atMost(arrival)
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Set<String> received = subscriber.distinctCounts().keySet();
                    missing.clear();
                    expected.stream().filter(r -> !received.contains(r)).forEach(missing::add);
                    assertEquals(List.of(), missing.subList(0, Math.min(10, missing.size())),
                            missing.size() + " sink records missing, the first ones");
                });
        Set<String> range = new HashSet<>(expected);
        long arrivals = subscriber.messages().stream().filter(m -> range.contains(m.payload())).count();
        Direction sink = new Direction(expected.size(), missing.size(), (int) (arrivals - expected.size()));
        return new Outcome(source, sink, sinkBase + sinkPerPartition);
    }

    @Override
    public void close() throws Exception {
        sourceStream.close();
        sinkStream.close();
        publisher.close();
        subscriber.close();
        producer.close();
    }
}

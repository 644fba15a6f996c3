package io.github.mqttbridge.soak;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.SteadyStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak proper: five loops MQTT → source → Kafka → sink → MQTT, one per QoS on MQTT 3.1.1, one at QoS 1 on
 * MQTT 5 and one at QoS 2 whose source delivers exactly once, each with its own topics and connector pair, the
 * first four on one worker and the exactly-once loop on the other; a steady stream into each while the
 * {@link FaultSchedule} runs; then the count of every stage.
 */
final class FaultPhase {

    private static final Logger LOG = LoggerFactory.getLogger(FaultPhase.class);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(3);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
    private static final Duration CHUNK_PERIOD = Duration.ofMillis(100);

    /**
     * @param faults every fault, in order
     * @param length how long the fault phase took (at least the duration asked for: the first round always ends)
     */
    record Result(List<LaneResult> lanes, List<FaultEvent> faults, Duration length) {
    }

    private FaultPhase() {
    }

    static Result run(SoakRig rig, SoakOptions options, String runId) throws Exception {
        int chunk = Math.max(1, options.ratePerLane() / 10);
        // Room for the duration and for a first round that outlasts it.
        int capacity = options.ratePerLane() * (int) (options.duration().toSeconds() + 1_800);
        List<Lane> lanes = List.of(new Lane(runId, 0, "3.1.1", capacity),
                new Lane(runId, 1, "3.1.1", capacity), new Lane(runId, 2, "3.1.1", capacity),
                new Lane(runId, 1, "5", capacity), Lane.exactlyOnce(runId, capacity));
        List<SteadyStream> streams = new ArrayList<>();
        try {
            for (Lane lane : lanes) {
                rig.kafkaClient().createTopic(lane.kafkaTopic, 1);
                lane.connect(rig.directUri(), runId);
                ConnectRest rest = rig.workerOf(lane).rest();
                rest.createConnector(lane.sourceName, lane.sourceConfig(rig.bridgeUri()));
                rest.createConnector(lane.sinkName, lane.sinkConfig(rig.bridgeUri()));
            }
            for (Lane lane : lanes) {
                ConnectRest rest = rig.workerOf(lane).rest();
                rest.awaitRunning(lane.sourceName, 1, SETUP_LIMIT);
                rest.awaitRunning(lane.sinkName, 1, SETUP_LIMIT);
                lane.awaitLoopClosed(SETUP_LIMIT);
            }
            long started = System.nanoTime();
            for (Lane lane : lanes) {
                streams.add(SteadyStream.start("soak-publish-" + lane.sourceName, capacity / chunk, CHUNK_PERIOD,
                        i -> lane.publish(chunk)));
            }
            FaultSchedule schedule = new FaultSchedule(rig, lanes, options.seed());
            List<FaultEvent> faults = schedule.run(options.duration());
            Duration length = Duration.ofNanos(System.nanoTime() - started);
            for (SteadyStream stream : streams) {
                stream.close();
            }
            drain(lanes);
            List<LaneResult> results = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> lostByKafka = new ArrayList<>();
            schedule.committedThenAborted().forEach(t -> lostByKafka.addAll(t.droppedRecords(rig.kafkaClient())));
            for (Lane lane : lanes) {
                results.add(lane.result(rig.kafkaClient().readAll(lane.kafkaTopic), lostByKafka.stream()
                        .filter(r -> r.topic().equals(lane.kafkaTopic)).toList()));
            }
            return new Result(results, faults, length);
        } finally {
            for (SteadyStream stream : streams) {
                stream.close();
            }
            lanes.forEach(Lane::close);
        }
    }

    /**
     * Waits until every publish is settled, every message the broker took at QoS 1 and 2 has come back, and the
     * QoS 0 lane (which may have lost some) has gone quiet.
     */
    private static void drain(List<Lane> lanes) {
        try {
            await("publishes settled and QoS 1 and 2 delivered").atMost(DRAIN_LIMIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> lanes.stream().allMatch(l -> l.pending() == 0
                            && (l.qos == 0 || l.sentNotArrived() == 0)));
        } catch (ConditionTimeoutException e) {
            // Counted and failed by the caller, with the figures of every stage rather than a timeout.
            LOG.error("Soak lanes not drained within {}: {}", DRAIN_LIMIT, e.getMessage());
        }
        Lane qos0 = lanes.get(0);
        int[] last = {-1};
        await("QoS 0 lane quiet").during(Duration.ofSeconds(3)).atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    int now = qos0.receivedDistinct();
                    boolean quiet = now == last[0];
                    last[0] = now;
                    return quiet;
                });
    }
}

package io.github.mqttbridge.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The soak (docs/reliability.md): two load scenarios, then the full loop MQTT → Kafka → MQTT at QoS 0, 1 and 2 on
 * MQTT 3.1.1, at QoS 1 on MQTT 5 and at QoS 2 with an exactly-once source, under a seeded schedule of faults. {@code mvn verify} runs it for 60 s; {@code mvn verify -Psoak} for 10 minutes, and
 * that one rewrites the soak section of docs/reliability.md. Options: {@link SoakOptions}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class SoakIT {

    private static SoakOptions options;
    private static SoakReport report;
    private static SoakRig rig;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        MosquittoBroker.assumeAvailable();
        options = SoakOptions.fromSystemProperties();
        System.out.printf("Soak %s: fault phase %s, seed %d (replay: %s)%n", RUN,
                SoakOptions.format(options.duration()), options.seed(), options.replayCommand());
        report = new SoakReport(options);
        rig = SoakRig.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (rig != null) {
                rig.close();
            }
        } finally {
            if (report != null) {
                List<Path> written = report.write();
                System.out.println("Soak report written to " + written + ":\n" + report.markdown());
            }
        }
    }

    @Test
    @Order(1)
    void a_thousand_devices_publish_into_one_source_task_and_nothing_is_lost() throws Exception {
        DeviceLoad.Result result = recorded("device load", () -> DeviceLoad.run(rig, options, RUN));
        report.devices(result);
        assertEquals(options.devices(), result.devices());
        assertEquals(0, result.lost(), result.lost() + " of " + result.published() + " device messages never reached"
                + " Kafka");
    }

    @Test
    @Order(2)
    void one_sink_task_publishes_to_ten_thousand_topics_and_nothing_is_lost() throws Exception {
        FanOutLoad.Result result = recorded("sink fan-out", () -> FanOutLoad.run(rig, options, RUN));
        report.fanOut(result);
        assertEquals(0, result.lost(), result.lost() + " of " + result.records() + " records never reached MQTT");
        assertEquals(result.topics(), result.topicsSeen(), "messages arrived on fewer distinct topics than keys");
    }

    @Test
    @Order(3)
    void nothing_is_lost_at_qos_1_and_2_nor_duplicated_exactly_once_while_faults_hit_every_part() throws Exception {
        FaultPhase.Result result = recorded("fault phase", () -> FaultPhase.run(rig, options, RUN));
        report.faults(result);
        assertEquals(Fault.values().length, result.faults().stream().map(FaultEvent::fault).distinct().count(),
                "every kind of fault was injected");
        for (LaneResult lane : result.lanes()) {
            assertTrue(lane.passed(), "QoS " + lane.qos() + " on MQTT " + lane.version()
                    + (lane.exactlyOnce() ? " exactly once lost or duplicated" : " lost") + " messages (seed "
                    + options.seed() + "): " + lane);
        }
    }

    @FunctionalInterface
    private interface Phase<T> {
        T run() throws Exception;
    }

    /** Runs a phase; if it ends in an exception instead of a count, the report says so before the test fails. */
    private static <T> T recorded(String name, Phase<T> phase) throws Exception {
        try {
            return phase.run();
        } catch (Exception | Error e) {
            report.failed(name, e);
            throw e;
        }
    }
}

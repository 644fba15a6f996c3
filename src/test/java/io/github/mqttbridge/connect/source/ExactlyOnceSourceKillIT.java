package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.source.RepeatedPayloadTraffic.Identity;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.ConnectRest;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.FaultInjectionProxy;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.KafkaTestClient;
import io.github.mqttbridge.testing.KafkaTransactions;
import io.github.mqttbridge.testing.MosquittoBroker;
import io.github.mqttbridge.testing.MqttPacketTap;
import io.github.mqttbridge.testing.MqttPacketTap.Direction;
import io.github.mqttbridge.testing.MqttPacketTap.Packet;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.SteadyStream;
import io.github.mqttbridge.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once from MQTT into Kafka (#16): the worker, a process of its own with
 * {@code exactly.once.source.support=enabled}, runs the source connector with {@code exactly.once.support=required}
 * at QoS 2 on a persistent session, and reaches the broker through a {@link FaultInjectionProxy} with an
 * {@link MqttPacketTap}, so that faults strike at chosen points of a QoS 2 flow ({@link Qos2FlowPoint}). Whatever
 * the fault, each message published while the stream runs must be in the data topic exactly once when read with
 * {@code isolation.level=read_committed}, although payloads repeat ({@link RepeatedPayloadTraffic}).
 *
 * <p>The worker kill and connection cut schedules come from a seed, printed and in the test's name, which also picks
 * the broker and (for the kills) the MQTT version; {@code -Deos.seed=<seed>} replays a run, {@code
 * -Deos.kills=<n>} changes the number of kills (10, at least 5), {@code -Deos.kafka.restarts=<n>} that of Kafka
 * restarts (4).
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class ExactlyOnceSourceKillIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(180);
    /** From arming a strike to its packet; after a kill that includes the worker's start and the task's. */
    private static final Duration STRIKE = Duration.ofSeconds(180);
    /** 200 messages a second, slow enough for the worker to keep up with between strikes on two loaded cores. */
    private static final int CHUNK = 10;
    private static final Duration PERIOD = Duration.ofMillis(50);
    private static final int KILLS = Integer.getInteger("eos.kills", 10);
    private static final int CUTS = 10;
    private static final int TASK_RESTARTS = 4;
    private static final int KAFKA_RESTARTS = Integer.getInteger("eos.kafka.restarts", 4);
    /**
     * At most this many QoS 2 flows complete between two strikes, a number drawn for each: with none the strike
     * falls into the recovery from the one before (the broker's resends), with more into the stream.
     */
    private static final int MAX_GAP = 100;
    /** Kills added right after a PUBLISH when such a kill came after the commit. */
    private static final int RETRIES = 3;
    private static final String COMMITTED_ANYWAY = "PUBLISH delivered, but its transaction committed before the kill";

    @RegisterExtension
    @Order(1)
    static final ClassResource<KafkaConnectCluster> kafka =
            ClassResource.of(() -> KafkaConnectCluster.builder().separateController().startKafkaOnly());
    @RegisterExtension
    @Order(2)
    static final ClassResource<ConnectWorkerProcess> worker = ClassResource.of(() -> ConnectWorkerProcess
            .builder(kafka.get().bootstrapServers())
            .workerProperty("exactly.once.source.support", "enabled")
            // A worker killed while it joins the group holds up the next join until its rebalance timeout
            // (default 60 s), not just its session timeout; a single worker's tasks stop in far less.
            .workerProperty("rebalance.timeout.ms", "15000")
            // C1 only: the test restarts the worker many times, and the optimising compiler's CPU at each start
            // is never paid back by its modest load.
            .jvmArg("-XX:TieredStopAtLevel=1")
            .start());

    static Stream<Long> seed() {
        return Stream.of(Long.getLong("eos.seed", ThreadLocalRandom.current().nextLong()));
    }

    /**
     * Kills at every point, among them the two a crash-safe receiver must tell apart from a new message: a PUBLISH
     * whose record is in Kafka but whose PUBREC the broker never got (it comes again with DUP), and a PUBREL whose
     * PUBCOMP never left (it comes again, and the id's release may or may not be committed). A kill right after a
     * PUBLISH usually beats the task's commit; one that does not counts as {@value #COMMITTED_ANYWAY}, and another
     * such kill joins the schedule, up to {@value #RETRIES} times.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seed")
    void a_worker_sigkilled_at_each_point_of_the_qos_2_flow_leaves_every_message_in_kafka_exactly_once(long seed)
            throws Exception {
        Random random = new Random(seed);
        SharedBroker shared = SharedBroker.values()[random.nextInt(SharedBroker.values().length)];
        String version = random.nextBoolean() ? "5" : "3.1.1";
        List<Qos2FlowPoint> schedule = Qos2FlowPoint.schedule(random, KILLS);
        System.out.printf("seed %d: %s, MQTT %s, kills at %s%n", seed, shared, version, names(schedule));
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.TOPIC, 1);
        Map<String, Integer> kills = new TreeMap<>();
        Deque<Qos2FlowPoint> toDo = new ArrayDeque<>(schedule);
        int retries = 0;
        try (TappedRun run = new TappedRun("kill", shared.get(), traffic, version)) {
            run.stream(Integer.MAX_VALUE, Integer.MAX_VALUE);
            while (!toDo.isEmpty()) {
                Qos2FlowPoint point = toDo.poll();
                run.awaitFlowsCompleted(random.nextInt(MAX_GAP));
                Packet struck = point.arm(run.tap, packet -> worker.get().kill()).await(STRIKE);
                String hit = point.toString();
                if (point == Qos2FlowPoint.PUBLISH_RECEIVED
                        && committed(traffic, traffic.numberInTopic(struck.topic()))) {
                    hit = COMMITTED_ANYWAY;
                    if (retries++ < RETRIES) {
                        toDo.add(point);
                    }
                }
                kills.merge(hit, 1, Integer::sum);
                System.out.printf("seed %d: worker SIGKILLed at %s: %s%n", seed, hit, struck);
                worker.get().start();
            }
            int messages = run.stream.finish(ARRIVAL) * CHUNK;
            System.out.printf("seed %d: %s, MQTT %s, %d messages, kills %s%n", seed, shared, version, messages,
                    kills);
            System.out.printf("seed %d: %s%n", seed, run.assertExactlyOnce(messages));
        }
        for (Qos2FlowPoint point : Qos2FlowPoint.values()) {
            assertTrue(kills.containsKey(point.toString()), "no kill at " + point + " (seed " + seed + "): " + kills);
        }
    }

    /**
     * Mosquitto is killed with flows to the task open in the states it restores: from one PUBREL on, nothing the
     * broker sends reaches the task, so the broker holds flows whose records the task committed and whose PUBREC it
     * got but whose release the task never saw, and messages it sent that never reached the task; after the
     * restart it resends both, and the task must write only the latter. Mosquitto saves its state only now and then
     * and acknowledges a PUBLISH before saving it, so the test saves it (SIGUSR1) with the publisher idle right
     * before the kill: what the broker knows after the restart is then what it knew at the kill.
     *
     * <p>Left out: a PUBCOMP of the task lost with the broker. Mosquitto 2.0 restored from its database resends
     * the PUBLISH, with DUP, of a flow it had sent PUBREL for, which MQTT forbids [MQTT-4.3.3-1]; the task forgot the
     * id when the release committed, and no receiver can tell that resend from a new message with the id.
     */
    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"3.1.1", "5"})
    void a_broker_sigkilled_with_flows_open_and_restarted_on_its_saved_state_delivers_exactly_once(String version)
            throws Exception {
        MosquittoBroker.assumeAvailable();
        int half = 100;
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.TOPIC, 1);
        try (MosquittoBroker broker = MosquittoBroker.builder().persistence(Duration.ofSeconds(3600)).start();
             TappedRun run = new TappedRun("broker-kill", broker, traffic, version)) {
            run.stream(2 * half, half);
            await("the stream flowing into Kafka").atMost(ARRIVAL).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> traffic.inKafka(kafka()) >= 10 * CHUNK);
            AtomicLong publishesAtHold = new AtomicLong();
            Packet held = run.tap.holdFrom(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBREL),
                    p -> publishesAtHold.set(run.tap.seen(Direction.TO_CLIENT, MqttPacketTap.PUBLISH))).await(STRIKE);
            await("the first half published").atMost(ARRIVAL).pollInterval(Duration.ofMillis(100))
                    .until(() -> run.stream.chunksSent() == half);
            // A PUBCOMP on its way at the save would leave its flow to Mosquitto's resend of the PUBLISH (above).
            await("every release the task got answered").atMost(ARRIVAL).pollInterval(Duration.ofMillis(50))
                    .until(() -> run.tap.unansweredReleases() == 0);
            long releasesHeld = run.tap.seen(Direction.TO_CLIENT, MqttPacketTap.PUBREL) - held.number() + 1;
            long publishesHeld = run.tap.seen(Direction.TO_CLIENT, MqttPacketTap.PUBLISH) - publishesAtHold.get();
            broker.saveNow();
            broker.kill();
            broker.start();
            await("the publisher back").atMost(ARRIVAL).until(run.publisher::isConnected);
            run.stream.release();
            run.stream.await(ARRIVAL);
            KafkaTally tally = run.assertExactlyOnce(2 * half * CHUNK);
            System.out.printf("MQTT %s: broker killed with the broker's packets held from %s on: %d releases and %d "
                    + "PUBLISHes the task never saw: %s%n", version, held, releasesHeld, publishesHeld, tally);
            assertTrue(publishesHeld > 0, "the broker was killed with no message sent that the task had not seen");
        }
    }

    /**
     * Connections cut at every point of the flow, the task living on: it must meet the resend of what it already
     * committed on the next connection. On MQTT 5 all messages share one topic, and payloads repeat every seventh
     * message, so topic and payload together repeat: only the user property that numbers each message, which the
     * broker and the task carry through untouched, tells them apart in Kafka.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seed")
    void connections_cut_at_each_point_of_the_qos_2_flow_deliver_messages_with_repeating_topic_and_payload_exactly_once(
            long seed) throws Exception {
        Random random = new Random(seed);
        SharedBroker shared = SharedBroker.values()[random.nextInt(SharedBroker.values().length)];
        List<Qos2FlowPoint> schedule = Qos2FlowPoint.schedule(random, CUTS);
        System.out.printf("seed %d: %s, MQTT 5, cuts at %s%n", seed, shared, names(schedule));
        Map<String, Integer> cuts = new TreeMap<>();
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.USER_PROPERTY, 1);
        try (TappedRun run = new TappedRun("cut", shared.get(), traffic, "5")) {
            run.stream(Integer.MAX_VALUE, Integer.MAX_VALUE);
            for (Qos2FlowPoint point : schedule) {
                run.awaitFlowsCompleted(random.nextInt(MAX_GAP));
                Packet struck = point.arm(run.tap, packet -> run.proxy.cutAll()).await(STRIKE);
                cuts.merge(point.toString(), 1, Integer::sum);
                System.out.printf("seed %d: connection cut at %s: %s%n", seed, point, struck);
            }
            int messages = run.stream.finish(ARRIVAL) * CHUNK;
            System.out.printf("seed %d: %s, MQTT 5, %d messages on one topic, %d cuts %s%n", seed, shared,
                    messages, CUTS, cuts);
            System.out.printf("seed %d: %s%n", seed, run.assertExactlyOnce(messages));
        }
    }

    /** Restarts through the REST API stop the task gracefully, mid-transaction or between two. */
    @Test
    void a_task_restarted_through_rest_mid_stream_delivers_exactly_once() throws Exception {
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.TOPIC, 1);
        try (TappedRun run = new TappedRun("task-restart", SharedBroker.MOSQUITTO.get(), traffic, "3.1.1")) {
            KafkaTally tally = run.restartedMidStream(TASK_RESTARTS, () -> rest().restartTask(run.name, 0));
            System.out.printf("%d task restarts: %s%n", TASK_RESTARTS, tally);
        }
    }

    /**
     * Kafka restarted under the stream, as an operator restarts a broker (a controlled shutdown): the worker loses
     * its group coordinator and stops the task with a transaction open, its producer closed without ending it, and
     * the next task must get past that transaction. Kafka 4.4 now and then leaves a transaction hanging at such a
     * restart, which would stop the worker's next task for good ({@link KafkaTransactions}); the test aborts it as an
     * operator would, and counts it.
     */
    @Test
    void kafka_restarted_mid_stream_delivers_exactly_once() throws Exception {
        RepeatedPayloadTraffic traffic = new RepeatedPayloadTraffic(Identity.TOPIC, 1);
        try (TappedRun run = new TappedRun("kafka-restart", SharedBroker.MOSQUITTO.get(), traffic, "3.1.1");
             KafkaTransactions.Reaper hanging = kafka().transactions().abortHangingEvery(Duration.ofSeconds(2))) {
            KafkaTally tally = run.restartedMidStream(KAFKA_RESTARTS, () -> kafka.get().restartKafka(),
                    () -> lostByKafka(hanging.aborted(), traffic));
            System.out.printf("%d Kafka restarts, hanging transactions aborted: %s; lost by Kafka: %s; %s%n",
                    KAFKA_RESTARTS, hanging.aborted(), lostByKafka(hanging.aborted(), traffic), tally);
        }
    }

    /** The messages whose records Kafka dropped after committing them, in transactions aborted as hanging. */
    private static Set<Integer> lostByKafka(List<KafkaTransactions.Aborted> aborted, RepeatedPayloadTraffic traffic) {
        return aborted.stream().filter(KafkaTransactions.Aborted::committedByItsCoordinator)
                .flatMap(t -> t.droppedRecords(kafka()).stream()).map(traffic::number).collect(Collectors.toSet());
    }

    private static List<String> names(List<Qos2FlowPoint> schedule) {
        return schedule.stream().map(Qos2FlowPoint::name).toList();
    }

    private static boolean committed(RepeatedPayloadTraffic traffic, int message) {
        return traffic.committed(kafka()).stream().anyMatch(r -> traffic.number(r) == message);
    }

    private static KafkaTestClient kafka() {
        return kafka.get().kafka();
    }

    private static ConnectRest rest() {
        return worker.get().rest();
    }

    /**
     * One scenario's connector, subscribed, reaching the broker through a tapped proxy, and a publisher straight to
     * the broker with the stream of QoS 2 messages it sends; closing deletes the connector.
     */
    private static final class TappedRun implements AutoCloseable {
        final MqttPacketTap tap = new MqttPacketTap();
        final FaultInjectionProxy proxy;
        final RepeatedPayloadTraffic traffic;
        final String name;
        final MqttClient publisher;
        SteadyStream stream;

        TappedRun(String scenario, TestBroker broker, RepeatedPayloadTraffic traffic, String version)
                throws Exception {
            this.traffic = traffic;
            this.name = "eos-" + scenario + "-" + traffic.id;
            this.proxy = FaultInjectionProxy.to(broker.tcpUri()).tap(tap);
            try {
                publisher = RepeatedPayloadTraffic.publisher(broker.tcpUri());
                rest().createConnector(name, traffic.connector(proxy.uri("tcp"), version));
                rest().awaitRunning(name, 1);
                traffic.awaitSubscribed(kafka(), publisher);
            } catch (Exception | Error e) {
                try {
                    close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        /** Starts the stream: {@code chunks} chunks, holding before chunk {@code holdAt} until released. */
        void stream(int chunks, int holdAt) {
            stream = SteadyStream.startHeldAt("publish-" + name, chunks, PERIOD, holdAt,
                    chunk -> traffic.publish(publisher, chunk * CHUNK, (chunk + 1) * CHUNK));
        }

        /** Waits until the task has completed {@code flows} more QoS 2 flows (sent their PUBCOMPs). */
        void awaitFlowsCompleted(int flows) {
            long target = tap.seen(Direction.TO_BROKER, MqttPacketTap.PUBCOMP) + flows;
            await(flows + " more QoS 2 flows completed").atMost(STRIKE).pollInterval(Duration.ofMillis(50))
                    .until(() -> tap.seen(Direction.TO_BROKER, MqttPacketTap.PUBCOMP) >= target);
        }

        /**
         * Streams, runs {@code restart} {@code times}, each once 20 more chunks are in Kafka, then finishes the
         * stream and checks every message is in Kafka once.
         */
        KafkaTally restartedMidStream(int times, Runnable restart) throws Exception {
            return restartedMidStream(times, restart, Set::of);
        }

        /** The same, with the messages Kafka itself lost (after committing them) not counted as missing. */
        KafkaTally restartedMidStream(int times, Runnable restart, Supplier<Set<Integer>> lostByKafka)
                throws Exception {
            stream(Integer.MAX_VALUE, Integer.MAX_VALUE);
            long before = 0;
            for (int i = 0; i < times; i++) {
                long target = before + 20 * CHUNK;
                await("records flowing before restart " + (i + 1)).atMost(ARRIVAL)
                        .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .until(() -> traffic.inKafka(kafka()) >= target);
                restart.run();
                before = traffic.inKafka(kafka());
            }
            int messages = stream.finish(ARRIVAL) * CHUNK;
            KafkaTally tally = traffic.assertExactlyOnce(kafka(), messages, () -> tap.openQos2Flows() == 0, ARRIVAL,
                    lostByKafka);
            System.out.printf("%s: %d messages%n", name, messages);
            return tally;
        }

        /** Nothing in flight: every QoS 2 flow the broker started on the live connection completed. */
        KafkaTally assertExactlyOnce(int messages) {
            return traffic.assertExactlyOnce(kafka(), messages, () -> tap.openQos2Flows() == 0, ARRIVAL);
        }

        @Override
        public void close() throws Exception {
            try (FaultInjectionProxy closing = proxy) {
                if (stream != null) {
                    stream.close();
                }
                if (publisher != null) {
                    publisher.close();
                }
                rest().deleteConnector(name);
            }
        }
    }
}

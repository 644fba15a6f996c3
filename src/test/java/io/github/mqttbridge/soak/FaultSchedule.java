package io.github.mqttbridge.soak;

import static org.awaitility.Awaitility.await;

import io.github.mqttbridge.testing.ConnectRest.ConnectorStatus;
import io.github.mqttbridge.testing.KafkaTransactions;
import io.github.mqttbridge.testing.MqttPacketTap;
import io.github.mqttbridge.testing.MqttPacketTap.Direction;
import io.github.mqttbridge.testing.MqttPacketTap.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults one after the other while the lanes publish, in an order and with lengths drawn from a seeded
 * {@link Random}, so that the same seed replays the same schedule. Each round injects every kind of fault once, in
 * a shuffled order; the first round always runs to its end, later rounds only until the duration is over. After
 * each fault it waits until every lane carries messages end to end again and records how long that took.
 *
 * <p>Lengths are counted in messages the lanes publish rather than in seconds, so that every fault has traffic in
 * it however slow the machine is.
 */
final class FaultSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSchedule.class);
    /** Longer than a worker restart plus a rebalance on two loaded cores; a fault not recovered by then fails. */
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(4);
    private static final Duration STEP_LIMIT = Duration.ofMinutes(3);
    private static final Duration HANGING_CHECK = Duration.ofSeconds(5);

    private final SoakRig rig;
    private final List<Lane> lanes;
    private final Random random;
    private final List<FaultEvent> events = new ArrayList<>();
    private KafkaTransactions.Reaper hangingTransactions;
    private final List<KafkaTransactions.Aborted> committedThenAborted = new ArrayList<>();
    private long phaseStart;

    FaultSchedule(SoakRig rig, List<Lane> lanes, long seed) {
        this.rig = rig;
        this.lanes = List.copyOf(lanes);
        this.random = new Random(seed);
    }

    /**
     * Runs the schedule for {@code duration} (at least one full round) and returns what happened. Meanwhile it
     * aborts, as an operator would, the transactions Kafka leaves hanging when it restarts ({@link
     * KafkaTransactions}): a Kafka bug that would stop the exactly-once loop for good, and that the events report.
     */
    List<FaultEvent> run(Duration duration) {
        try (KafkaTransactions.Reaper reaper = rig.kafkaClient().transactions().abortHangingEvery(HANGING_CHECK)) {
            hangingTransactions = reaper;
            return runRounds(duration);
        }
    }

    /**
     * Transactions the schedule aborted although their coordinator had committed them: their records are lost by
     * Kafka (see {@link KafkaTransactions.Aborted#committedByItsCoordinator()}), not by the bridge.
     */
    List<KafkaTransactions.Aborted> committedThenAborted() {
        return List.copyOf(committedThenAborted);
    }

    private List<FaultEvent> runRounds(Duration duration) {
        phaseStart = System.nanoTime();
        long end = phaseStart + duration.toNanos();
        boolean firstRound = true;
        while (firstRound || System.nanoTime() - end < 0) {
            List<Fault> round = new ArrayList<>(Arrays.asList(Fault.values()));
            Collections.shuffle(round, random);
            for (Fault fault : round) {
                if (!firstRound && System.nanoTime() - end >= 0) {
                    break;
                }
                awaitPublished(300 + random.nextInt(900));
                events.add(inject(fault));
            }
            firstRound = false;
        }
        return List.copyOf(events);
    }

    private FaultEvent inject(Fault fault) {
        long start = System.nanoTime();
        String detail = switch (fault) {
            case CONNECTION_CUT -> cut();
            case BLACK_HOLE -> blackHole();
            case MQTT_BROKER_KILL -> killBroker();
            case TASK_RESTART -> restartTask();
            case WORKER_KILL -> killWorker();
            case KAFKA_RESTART -> restartKafka();
        };
        long end = System.nanoTime();
        Duration recovery = awaitRecovery(fault, end);
        List<KafkaTransactions.Aborted> aborted = hangingTransactions.drain();
        if (!aborted.isEmpty()) {
            detail += "; Kafka left " + aborted.size() + " transaction(s) hanging, aborted as an operator would";
        }
        List<KafkaTransactions.Aborted> committed = aborted.stream()
                .filter(KafkaTransactions.Aborted::committedByItsCoordinator).toList();
        if (!committed.isEmpty()) {
            detail += " (" + committed.size() + " of them committed by their coordinator, whose records Kafka never"
                    + " marked committed: lost by Kafka)";
            committedThenAborted.addAll(committed);
        }
        FaultEvent event = new FaultEvent(fault, detail, Duration.ofNanos(start - phaseStart),
                Duration.ofNanos(end - start), recovery);
        LOG.info("Soak fault {} at {} s: {}; lasted {} ms, recovered in {} ms", fault, event.at().toSeconds(),
                detail, event.length().toMillis(), recovery.toMillis());
        return event;
    }

    private String cut() {
        int connections = rig.proxy.liveConnections();
        rig.proxy.cutAll();
        return connections + " connections cut";
    }

    private String blackHole() {
        int messages = 600 + random.nextInt(2400);
        rig.proxy.blackHole(true);
        try {
            awaitPublished(messages);
        } finally {
            rig.proxy.blackHole(false);
        }
        return "held while the lanes published " + messages + " messages";
    }

    /**
     * Mosquitto acknowledges a PUBLISH before it saves it, so a SIGKILL loses what it acknowledged since its last
     * save: the broker's loss, not the bridge's. The kill therefore comes after the publishers were acknowledged,
     * the connectors' connections were cut and refused, and the broker saved; what the connectors had in flight
     * then is theirs to recover, which is what the soak tests.
     *
     * <p>One more loss of the broker's is kept out: Mosquitto 2.0 restored from its save sends the PUBLISH again,
     * with DUP, of a QoS 2 flow it had sent PUBREL for [MQTT-4.3.3-1]. An exactly-once task that got the PUBREL has
     * forgotten the id once its release committed, so if its PUBCOMP was lost with the broker, no receiver could
     * tell that resend from a new message. Before the cut, the PUBRELs to the exactly-once sources are therefore
     * held in the proxy and every release that got through is answered; the flows held are then recovered by the
     * task, which still holds their ids.
     */
    private String killBroker() {
        int messages = 100 + random.nextInt(900);
        List<Watch> releases = new ArrayList<>();
        try {
            lanes.forEach(lane -> lane.hold(STEP_LIMIT));
            lanes.stream().filter(lane -> lane.exactlyOnce).forEach(lane -> releases.add(rig.tap.holdFrom(
                    Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBREL) && lane.sourceClientId().equals(p.clientId()),
                    p -> { })));
            await("every release that reached a task answered").atMost(STEP_LIMIT)
                    .pollInterval(Duration.ofMillis(20)).until(() -> rig.tap.unansweredReleases() == 0);
            rig.proxy.refuseNew(true);
            rig.proxy.cutAll();
            releases.forEach(rig.tap::disarm);
            rig.mosquitto.saveNow();
            rig.mosquitto.kill();
        } finally {
            lanes.forEach(Lane::release);
        }
        awaitPublished(messages);
        rig.mosquitto.start();
        rig.proxy.refuseNew(false);
        return "down while the lanes published " + messages + " messages";
    }

    private String restartTask() {
        Lane lane = lanes.get(random.nextInt(lanes.size()));
        String connector = random.nextBoolean() ? lane.sourceName : lane.sinkName;
        rig.workerOf(lane).rest().restartTask(connector, 0);
        return connector + " task 0";
    }

    /** Both workers at once, as when the machine under them dies; then started again one after the other. */
    private String killWorker() {
        rig.worker.kill();
        rig.exactlyOnceWorker.kill();
        rig.worker.start();
        rig.exactlyOnceWorker.start();
        return "both SIGKILLed, then started again";
    }

    private String restartKafka() {
        rig.kafka.restartKafka();
        return "controlled shutdown, then started again";
    }

    private void awaitPublished(int messages) {
        int target = totalPublished() + messages;
        await("lanes published " + messages + " more messages").atMost(STEP_LIMIT).pollInterval(Duration.ofMillis(50))
                .until(() -> totalPublished() >= target);
    }

    private int totalPublished() {
        return lanes.stream().mapToInt(Lane::published).sum();
    }

    private Duration awaitRecovery(Fault fault, long since) {
        try {
            long last = await(fault + " recovered on every lane").atMost(RECOVERY_LIMIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> latestFirstArrival(since), OptionalLong::isPresent).getAsLong();
            return Duration.ofNanos(last - since);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("No message published after the end of " + fault + " came through all lanes"
                    + " within " + RECOVERY_LIMIT + ": " + connectorStates() + "; Kafka's open transactions:\n"
                    + rig.kafkaClient().transactions().describe(), e);
        }
    }

    /** The moment the last lane to recover got its first message published after {@code since}. */
    private OptionalLong latestFirstArrival(long since) {
        long latest = Long.MIN_VALUE;
        for (Lane lane : lanes) {
            OptionalLong first = lane.firstArrivalOfPublishedSince(since);
            if (first.isEmpty()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, first.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    private String connectorStates() {
        return lanes.stream().flatMap(l -> Stream.of(l.sourceName, l.sinkName).map(name -> {
            try {
                ConnectorStatus status = rig.workerOf(l).rest().connectorStatus(name);
                return name + " " + status.state() + " " + status.tasks() + status.failures();
            } catch (RuntimeException e) {
                return name + ": " + e.getMessage();
            }
        })).collect(Collectors.joining("; "));
    }
}

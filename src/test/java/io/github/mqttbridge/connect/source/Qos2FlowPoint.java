package io.github.mqttbridge.connect.source;

import static io.github.mqttbridge.testing.MqttPacketTap.Direction.TO_BROKER;
import static io.github.mqttbridge.testing.MqttPacketTap.Direction.TO_CLIENT;

import io.github.mqttbridge.testing.MqttPacketTap;
import io.github.mqttbridge.testing.MqttPacketTap.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The points of a QoS 2 flow from the broker to an exactly-once source task where a test strikes (kills the worker,
 * cuts the connection), each armed on the {@link MqttPacketTap} between them. The task commits the record and the
 * packet id before its PUBREC, and the id's release before its PUBCOMP, so each point leaves a different state
 * behind for the broker's resend (PUBLISH with DUP, or PUBREL) and the task's committed offsets to meet.
 */
enum Qos2FlowPoint {
    /** The strike follows the PUBLISH at once, before the task can have committed its transaction. */
    PUBLISH_RECEIVED("PUBLISH delivered, transaction not committed", TO_CLIENT, MqttPacketTap.PUBLISH, false),
    /** The task sends PUBREC only after the commit, so its record is in Kafka and the broker does not know. */
    PUBREC_HELD("transaction committed, PUBREC held", TO_BROKER, MqttPacketTap.PUBREC, true),
    PUBREL_HELD("PUBREC delivered, PUBREL held", TO_CLIENT, MqttPacketTap.PUBREL, true),
    PUBCOMP_HELD("PUBREL delivered, PUBCOMP held", TO_BROKER, MqttPacketTap.PUBCOMP, true),
    PUBCOMP_DELIVERED("PUBCOMP delivered", TO_BROKER, MqttPacketTap.PUBCOMP, false);

    private final String label;
    private final MqttPacketTap.Direction direction;
    private final int packetType;
    private final boolean hold;

    Qos2FlowPoint(String label, MqttPacketTap.Direction direction, int packetType, boolean hold) {
        this.label = label;
        this.direction = direction;
        this.packetType = packetType;
        this.hold = hold;
    }

    /**
     * {@code strikes} points in an order {@code random} chooses: every point at least once (so at least as many
     * strikes as points), the rest drawn at random.
     */
    static List<Qos2FlowPoint> schedule(Random random, int strikes) {
        if (strikes < values().length) {
            throw new IllegalArgumentException(strikes + " strikes cannot reach all " + values().length + " points");
        }
        List<Qos2FlowPoint> schedule = new ArrayList<>(Arrays.asList(values()));
        while (schedule.size() < strikes) {
            schedule.add(values()[random.nextInt(values().length)]);
        }
        Collections.shuffle(schedule, random);
        return schedule;
    }

    /**
     * Arms the point on the tap's next QoS 2 flow: {@code strike} runs on the proxy's thread when the flow gets
     * there, with the packet, and for a held point the packet and all after it in its direction stay in the proxy.
     */
    MqttPacketTap.Watch arm(MqttPacketTap tap, Consumer<Packet> strike) {
        return hold ? tap.holdFrom(direction, this::matches, strike) : tap.afterForwarding(direction, this::matches,
                strike);
    }

    private boolean matches(Packet packet) {
        return packet.is(packetType) && (packetType != MqttPacketTap.PUBLISH || packet.qos() == 2);
    }

    @Override
    public String toString() {
        return label;
    }
}

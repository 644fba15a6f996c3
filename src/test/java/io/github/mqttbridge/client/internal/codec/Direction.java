package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.decoder.Mqtt3ClientDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.Mqtt3ServerDecoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt3ServerEncoders;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static io.github.mqttbridge.client.internal.codec.packet.PacketType.CONNACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.CONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.DISCONNECT;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PINGREQ;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PINGRESP;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBCOMP;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBLISH;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREC;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.PUBREL;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.SUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.SUBSCRIBE;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.UNSUBACK;
import static io.github.mqttbridge.client.internal.codec.packet.PacketType.UNSUBSCRIBE;

/**
 * The two ways MQTT 3.1 / 3.1.1 packets travel, with the encoder of the side that sends and the decoder of the side
 * that receives: the client's tables from main, the server's from test code. The types each carries are written
 * out here from the spec's table (MQTT 3.1.1 section 2.2.1), independently of the tables, so that tests hold the
 * tables to it.
 */
public enum Direction implements PacketRoute {
    CLIENT_TO_SERVER(new Tables("a client", Mqtt3ClientEncoders.TABLE, Mqtt3ServerDecoders.TABLE,
            EnumSet.of(CONNECT, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, UNSUBSCRIBE, PINGREQ,
                    DISCONNECT))),
    SERVER_TO_CLIENT(new Tables("a server", Mqtt3ServerEncoders.TABLE, Mqtt3ClientDecoders.TABLE,
            EnumSet.of(CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, PINGRESP)));

    private final Tables tables;

    Direction(Tables tables) {
        this.tables = tables;
    }

    /** The directions a type travels in: both for PUBLISH and its acknowledgements, one for the rest. */
    public static List<Direction> carrying(PacketType type) {
        return Arrays.stream(values()).filter(d -> d.carries(type)).toList();
    }

    @Override
    public boolean isMqtt5() {
        return false;
    }

    @Override
    public Tables tables() {
        return tables;
    }
}

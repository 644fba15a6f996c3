package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.decoder.Mqtt5ClientDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.Mqtt5ServerDecoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt5ClientEncoders;
import io.github.mqttbridge.client.internal.codec.encoder.Mqtt5ServerEncoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static io.github.mqttbridge.client.internal.codec.packet.PacketType.AUTH;
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
 * The two ways MQTT 5.0 packets travel. The types each carries are written out here from the spec's table (MQTT
 * 5.0 section 2.1.2), independently of the tables: unlike 3.1.1, DISCONNECT and AUTH go both ways.
 */
public enum Mqtt5Direction implements PacketRoute {
    CLIENT_TO_SERVER(new Tables("a client", Mqtt5ClientEncoders.TABLE, Mqtt5ServerDecoders.TABLE,
            EnumSet.of(CONNECT, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, UNSUBSCRIBE, PINGREQ,
                    DISCONNECT, AUTH))),
    SERVER_TO_CLIENT(new Tables("a server", Mqtt5ServerEncoders.TABLE, Mqtt5ClientDecoders.TABLE,
            EnumSet.of(CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, PINGRESP,
                    DISCONNECT, AUTH)));

    private final Tables tables;

    Mqtt5Direction(Tables tables) {
        this.tables = tables;
    }

    /** The directions a type travels in. */
    public static List<Mqtt5Direction> carrying(PacketType type) {
        return Arrays.stream(values()).filter(d -> d.carries(type)).toList();
    }

    /** The directions this very packet may travel in. */
    public static List<Mqtt5Direction> carrying(MqttPacket packet) {
        return Arrays.stream(values()).filter(d -> d.carries(packet)).toList();
    }

    /** A client's PUBLISH carries no subscription identifier [MQTT-3.3.4-6]: only the server's matched any. */
    @Override
    public boolean carries(MqttPacket packet) {
        return carries(packet.type()) && !(this == CLIENT_TO_SERVER && packet instanceof PublishPacket p
                && p.properties().has(MqttProperty.SUBSCRIPTION_IDENTIFIER));
    }

    @Override
    public boolean isMqtt5() {
        return true;
    }

    @Override
    public Tables tables() {
        return tables;
    }
}

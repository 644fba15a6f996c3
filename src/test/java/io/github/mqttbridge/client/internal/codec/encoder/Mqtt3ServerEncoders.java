package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Map;

/**
 * What a server encodes: the packets a server sends (MQTT 3.1.1 section 2.2.1). Only tests play the server, so
 * this table and the encoders only it uses (CONNACK, SUBACK, UNSUBACK, PINGRESP) live here; the rest are the
 * client's own, shared.
 */
public final class Mqtt3ServerEncoders {
    public static final MqttPacketEncoders TABLE = new MqttPacketEncoders("a server", false, Map.of(
            PacketType.CONNACK, new Mqtt3ConnAckEncoder(),
            PacketType.PUBLISH, new Mqtt3PublishEncoder(),
            PacketType.PUBACK, new Mqtt3PubAckEncoder(),
            PacketType.PUBREC, new Mqtt3PubRecEncoder(),
            PacketType.PUBREL, new Mqtt3PubRelEncoder(),
            PacketType.PUBCOMP, new Mqtt3PubCompEncoder(),
            PacketType.SUBACK, new Mqtt3SubAckEncoder(),
            PacketType.UNSUBACK, new Mqtt3UnsubAckEncoder(),
            PacketType.PINGRESP, new Mqtt3PingRespEncoder()));

    private Mqtt3ServerEncoders() {
    }
}

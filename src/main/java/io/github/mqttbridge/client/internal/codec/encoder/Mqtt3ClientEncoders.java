package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Map;

/** What the client encodes: the packets a client sends (MQTT 3.1.1 section 2.2.1). */
public final class Mqtt3ClientEncoders {
    public static final MqttPacketEncoders TABLE = new MqttPacketEncoders("a client", false, Map.of(
            PacketType.CONNECT, new Mqtt3ConnectEncoder(),
            PacketType.PUBLISH, new Mqtt3PublishEncoder(),
            PacketType.PUBACK, new Mqtt3PubAckEncoder(),
            PacketType.PUBREC, new Mqtt3PubRecEncoder(),
            PacketType.PUBREL, new Mqtt3PubRelEncoder(),
            PacketType.PUBCOMP, new Mqtt3PubCompEncoder(),
            PacketType.SUBSCRIBE, new Mqtt3SubscribeEncoder(),
            PacketType.UNSUBSCRIBE, new Mqtt3UnsubscribeEncoder(),
            PacketType.PINGREQ, new Mqtt3PingReqEncoder(),
            PacketType.DISCONNECT, new Mqtt3DisconnectEncoder()));

    private Mqtt3ClientEncoders() {
    }
}

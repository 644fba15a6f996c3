package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Map;

/**
 * What a server decodes: the packets a client sends (MQTT 3.1.1 section 2.2.1). Only tests play the server, so
 * this table and the decoders only it uses (CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT) live here; the
 * rest are the client's own, shared.
 */
public final class Mqtt3ServerDecoders {
    public static final MqttPacketDecoders TABLE = new MqttPacketDecoders("a client", false, Map.of(
            PacketType.CONNECT, new Mqtt3ConnectDecoder(),
            PacketType.PUBLISH, new Mqtt3PublishDecoder(),
            PacketType.PUBACK, new Mqtt3PubAckDecoder(),
            PacketType.PUBREC, new Mqtt3PubRecDecoder(),
            PacketType.PUBREL, new Mqtt3PubRelDecoder(),
            PacketType.PUBCOMP, new Mqtt3PubCompDecoder(),
            PacketType.SUBSCRIBE, new Mqtt3SubscribeDecoder(),
            PacketType.UNSUBSCRIBE, new Mqtt3UnsubscribeDecoder(),
            PacketType.PINGREQ, new Mqtt3PingReqDecoder(),
            PacketType.DISCONNECT, new Mqtt3DisconnectDecoder()));

    private Mqtt3ServerDecoders() {
    }
}

package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.util.Map;

/**
 * What an MQTT 5.0 server decodes: the packets a client sends (MQTT 5.0 section 2.1.2). Only tests play the
 * server, so this table and the decoders only it uses (CONNECT, SUBSCRIBE, UNSUBSCRIBE) live here; the rest are
 * the client's own, shared.
 */
public final class Mqtt5ServerDecoders {
    public static final MqttPacketDecoders TABLE = new MqttPacketDecoders("a client", true, Map.ofEntries(
            Map.entry(PacketType.CONNECT, new Mqtt5ConnectDecoder()),
            Map.entry(PacketType.PUBLISH, new Mqtt5PublishDecoder(true)),
            Map.entry(PacketType.PUBACK, Mqtt5ClientDecoders.pubAck()),
            Map.entry(PacketType.PUBREC, Mqtt5ClientDecoders.pubRec()),
            Map.entry(PacketType.PUBREL, Mqtt5ClientDecoders.pubRel()),
            Map.entry(PacketType.PUBCOMP, Mqtt5ClientDecoders.pubComp()),
            Map.entry(PacketType.SUBSCRIBE, new Mqtt5SubscribeDecoder()),
            Map.entry(PacketType.UNSUBSCRIBE, new Mqtt5UnsubscribeDecoder()),
            Map.entry(PacketType.PINGREQ, new Mqtt3PingReqDecoder()),
            Map.entry(PacketType.DISCONNECT, Mqtt5ClientDecoders.disconnect()),
            Map.entry(PacketType.AUTH, Mqtt5ClientDecoders.auth())));

    private Mqtt5ServerDecoders() {
    }
}

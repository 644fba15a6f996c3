package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;

import java.util.Map;

/** What an MQTT 5.0 client encodes: the packets a client sends (MQTT 5.0 section 2.1.2), AUTH included. */
public final class Mqtt5ClientEncoders {
    public static final MqttPacketEncoders TABLE = new MqttPacketEncoders("a client", true, Map.ofEntries(
            Map.entry(PacketType.CONNECT, new Mqtt5ConnectEncoder()),
            Map.entry(PacketType.PUBLISH, new Mqtt5PublishEncoder(true)),
            Map.entry(PacketType.PUBACK, pubAck()),
            Map.entry(PacketType.PUBREC, pubRec()),
            Map.entry(PacketType.PUBREL, pubRel()),
            Map.entry(PacketType.PUBCOMP, pubComp()),
            Map.entry(PacketType.SUBSCRIBE, new Mqtt5SubscribeEncoder()),
            Map.entry(PacketType.UNSUBSCRIBE, new Mqtt5UnsubscribeEncoder()),
            Map.entry(PacketType.PINGREQ, new Mqtt3PingReqEncoder()),
            Map.entry(PacketType.DISCONNECT, disconnect()),
            Map.entry(PacketType.AUTH, auth())));

    private Mqtt5ClientEncoders() {
    }

    // The encoders both sides use: the tests' server table takes them from here.

    static MqttMessageEncoder<?> pubAck() {
        return new Mqtt5AckEncoder<>(PubAckPacket.class, 0b0000);
    }

    static MqttMessageEncoder<?> pubRec() {
        return new Mqtt5AckEncoder<>(PubRecPacket.class, 0b0000);
    }

    static MqttMessageEncoder<?> pubRel() {
        // Bits 3-0 of PUBREL are fixed at 0010 [MQTT-3.6.1-1].
        return new Mqtt5AckEncoder<>(PubRelPacket.class, 0b0010);
    }

    static MqttMessageEncoder<?> pubComp() {
        return new Mqtt5AckEncoder<>(PubCompPacket.class, 0b0000);
    }

    static MqttMessageEncoder<?> disconnect() {
        return new Mqtt5ReasonCodeEncoder<>(DisconnectPacket.class, true, DisconnectPacket::reasonCode,
                DisconnectPacket::properties);
    }

    static MqttMessageEncoder<?> auth() {
        return new Mqtt5ReasonCodeEncoder<>(AuthPacket.class, false, AuthPacket::reasonCode, AuthPacket::properties);
    }
}

package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.AuthPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.QosAck;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.randomBytes;
import static io.github.mqttbridge.client.internal.codec.CodecSamples.utf8;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_5;

/**
 * Valid MQTT 5.0 packets of every type, each with and without properties, and together carrying every property
 * in every scope it may appear in.
 */
final class Mqtt5CodecSamples {
    private Mqtt5CodecSamples() {
    }

    static List<MqttPacket> all() {
        List<MqttPacket> packets = new ArrayList<>();
        packets.add(new ConnectPacket(MQTT_5, "client-1", true, 60, null, null, null));
        packets.add(new ConnectPacket(MQTT_5, "c", false, 0, null, "user", utf8("secret"), everyProperty(PropertyScope.CONNECT)));
        // MQTT 5.0 allows a password without a user name again.
        packets.add(new ConnectPacket(MQTT_5, "", true, 65535, null, null, new byte[] {0, (byte) 0xFF}));
        packets.add(new ConnectPacket(MQTT_5, "client-ünïcødé", false, 30,
                new ConnectPacket.Will("will/topic", utf8("gone"), 1, true, everyProperty(PropertyScope.WILL)),
                "ユーザー", utf8("pw"), MqttProperties.builder().userProperty("k", "v").build()));
        packets.add(new ConnectPacket(MQTT_5, "c", true, 10, new ConnectPacket.Will("w", new byte[0], 2, false), null, null));
        packets.add(new ConnAckPacket(false, 0));
        packets.add(new ConnAckPacket(true, 0, everyProperty(PropertyScope.CONNACK)));
        packets.add(new ConnAckPacket(false, 0x87, reason("not you")));
        packets.add(new PublishPacket("a/b", utf8("hello"), 0, false, false, 0));
        packets.add(new PublishPacket("a/b", utf8("hello"), 1, true, false, 1, everyProperty(PropertyScope.PUBLISH)));
        packets.add(new PublishPacket("", utf8("aliased"), 2, false, true, 65535,
                MqttProperties.builder().add(MqttProperty.TOPIC_ALIAS, 7).build()));
        packets.add(new PublishPacket("größe/温度/\uD83D\uDE00", new byte[0], 1, false, false, 3));
        packets.add(new PublishPacket("large", randomBytes(200_000, 5), 1, false, false, 4,
                MqttProperties.builder().add(MqttProperty.CONTENT_TYPE, "application/octet-stream").build()));
        packets.add(new PubAckPacket(1));
        packets.add(new PubAckPacket(2, 0x10, MqttProperties.EMPTY));
        packets.add(new PubAckPacket(3, 0x87, everyProperty(PropertyScope.PUBACK)));
        packets.add(new PubRecPacket(4));
        packets.add(new PubRecPacket(5, 0x97, everyProperty(PropertyScope.PUBREC)));
        packets.add(new PubRelPacket(6));
        packets.add(new PubRelPacket(7, 0x92, everyProperty(PropertyScope.PUBREL)));
        packets.add(new PubCompPacket(65535));
        // Success with properties: the reason code must then be written.
        packets.add(new PubCompPacket(8, 0, everyProperty(PropertyScope.PUBCOMP)));
        packets.add(new SubscribePacket(10, List.of(new Subscription("a/#", 1))));
        packets.add(new SubscribePacket(11, List.of(new Subscription("a/+/c", 0, true, false, 0),
                new Subscription("#", 2, false, true, 1), new Subscription("$share/g/ü/+", 1, false, true, 2)),
                everyProperty(PropertyScope.SUBSCRIBE)));
        packets.add(new SubAckPacket(10, List.of(1)));
        packets.add(new SubAckPacket(11, List.of(0, 1, 2, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2),
                everyProperty(PropertyScope.SUBACK)));
        packets.add(new UnsubscribePacket(12, List.of("a/#")));
        packets.add(new UnsubscribePacket(13, List.of("a/+/c", "#", "x"), everyProperty(PropertyScope.UNSUBSCRIBE)));
        packets.add(new UnsubAckPacket(12, List.of(0), MqttProperties.EMPTY));
        packets.add(new UnsubAckPacket(13, List.of(0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91),
                everyProperty(PropertyScope.UNSUBACK)));
        packets.add(PingReqPacket.INSTANCE);
        packets.add(PingRespPacket.INSTANCE);
        packets.add(DisconnectPacket.INSTANCE);
        packets.add(new DisconnectPacket(0x04, MqttProperties.EMPTY));
        packets.add(new DisconnectPacket(0x8B, everyProperty(PropertyScope.DISCONNECT)));
        packets.add(new AuthPacket(0x00, MqttProperties.EMPTY));
        packets.add(new AuthPacket(0x18, everyProperty(PropertyScope.AUTH)));
        packets.add(new AuthPacket(0x19, MqttProperties.builder().add(MqttProperty.AUTHENTICATION_METHOD, "SCRAM-SHA-1")
                .build()));
        return packets;
    }

    /**
     * Every property the scope allows, with a value that keeps its rules, and the repeatable ones twice: two user
     * properties with the same name, and in PUBLISH two subscription identifiers.
     */
    static MqttProperties everyProperty(PropertyScope scope) {
        MqttProperties.Builder b = MqttProperties.builder();
        for (MqttProperty p : MqttProperty.values()) {
            if (p.allowedIn(scope)) {
                b.add(p, sampleValue(p));
                if (p.repeatableIn(scope)) {
                    b.add(p, p == MqttProperty.USER_PROPERTY
                            ? new StringPair("name", "second")
                            : 268_435_455);
                }
            }
        }
        return b.build();
    }

    /** A valid value of each property, mostly at the edge of its range. */
    static Object sampleValue(MqttProperty p) {
        return switch (p.type()) {
            case BYTE -> 1;
            case TWO_BYTE_INTEGER -> p == MqttProperty.TOPIC_ALIAS ? 1 : 65535;
            case FOUR_BYTE_INTEGER -> 0xFFFF_FFFFL;
            case VARIABLE_BYTE_INTEGER -> 128;
            case UTF8_STRING -> p == MqttProperty.RESPONSE_TOPIC ? "reply/to/ü" : p.name().toLowerCase();
            case BINARY_DATA -> new byte[] {0, 1, (byte) 0xFF};
            case UTF8_STRING_PAIR -> new StringPair("name", "värde");
        };
    }

    /** Every property set a packet carries, by where it stands: a CONNECT's own and its will's apart. */
    static Map<PropertyScope, MqttProperties> propertiesByScope(MqttPacket packet) {
        Map<PropertyScope, MqttProperties> byScope = new EnumMap<>(PropertyScope.class);
        if (packet instanceof ConnectPacket c && c.will() != null) {
            byScope.put(PropertyScope.WILL, c.will().properties());
        }
        MqttProperties own = ownProperties(packet);
        if (own != null) {
            byScope.put(PropertyScope.of(packet.type()), own);
        }
        return byScope;
    }

    private static MqttProperties ownProperties(MqttPacket packet) {
        if (packet instanceof QosAck ack) {
            return ack.properties();
        } else if (packet instanceof ConnectPacket c) {
            return c.properties();
        } else if (packet instanceof ConnAckPacket c) {
            return c.properties();
        } else if (packet instanceof PublishPacket p) {
            return p.properties();
        } else if (packet instanceof SubscribePacket s) {
            return s.properties();
        } else if (packet instanceof SubAckPacket s) {
            return s.properties();
        } else if (packet instanceof UnsubscribePacket u) {
            return u.properties();
        } else if (packet instanceof UnsubAckPacket u) {
            return u.properties();
        } else if (packet instanceof DisconnectPacket d) {
            return d.properties();
        } else if (packet instanceof AuthPacket a) {
            return a.properties();
        }
        return null;
    }

    /** The properties a packet carries, wherever they stand. */
    static Set<MqttProperty> propertiesOf(MqttPacket packet) {
        Set<MqttProperty> properties = EnumSet.noneOf(MqttProperty.class);
        propertiesByScope(packet).values()
                .forEach(p -> p.entries().forEach(e -> properties.add(e.property())));
        return properties;
    }

    private static MqttProperties reason(String reason) {
        return MqttProperties.builder().add(MqttProperty.REASON_STRING, reason).build();
    }
}

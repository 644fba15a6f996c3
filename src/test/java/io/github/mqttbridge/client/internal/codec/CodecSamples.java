package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.DisconnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PingReqPacket;
import io.github.mqttbridge.client.internal.codec.packet.PingRespPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket;
import io.github.mqttbridge.client.internal.codec.packet.SubscribePacket.Subscription;
import io.github.mqttbridge.client.internal.codec.packet.UnsubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.UnsubscribePacket;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_3_1;
import static io.github.mqttbridge.client.internal.codec.packet.MqttVersion.MQTT_3_1_1;

/**
 * Valid packets of every type and both MQTT 3.x versions, shared by the round-trip, streaming and fuzz tests, which run
 * each in every direction it travels.
 */
final class CodecSamples {
    private CodecSamples() {
    }

    static List<MqttPacket> all() {
        List<MqttPacket> packets = new ArrayList<>();
        for (MqttVersion v : List.of(MQTT_3_1, MQTT_3_1_1)) {
            packets.add(new ConnectPacket(v, "client-1", true, 60, null, null, null));
            packets.add(new ConnectPacket(v, "c", false, 0, null, "user", utf8("secret")));
            packets.add(new ConnectPacket(v, "c", true, 65535,
                    new ConnectPacket.Will("will/topic", utf8("gone"), 1, true), null, null));
            packets.add(new ConnectPacket(v, "client-ünïcødé", false, 30,
                    new ConnectPacket.Will("w", new byte[0], 2, false), "ユーザー", new byte[] {0, 1, 2, (byte) 0xFF}));
            packets.add(new ConnectPacket(v, "c", true, 10, new ConnectPacket.Will("w", utf8("x"), 0, false),
                    "user", null));
        }
        packets.add(new ConnectPacket(MQTT_3_1_1, "", true, 60, null, null, null));
        // MQTT 3.1 allowed a password without a user name.
        packets.add(new ConnectPacket(MQTT_3_1, "c", true, 60, null, null, utf8("pw")));
        packets.add(new ConnAckPacket(false, 0));
        packets.add(new ConnAckPacket(true, 0));
        packets.add(new ConnAckPacket(false, 5));
        packets.add(new PublishPacket("a/b", utf8("hello"), 0, false, false, 0));
        packets.add(new PublishPacket("a/b", utf8("hello"), 1, false, false, 1));
        packets.add(new PublishPacket("a/b", utf8("hello"), 2, true, true, 65535));
        packets.add(new PublishPacket("retained", utf8("r"), 0, true, false, 0));
        packets.add(new PublishPacket("dup", utf8("d"), 1, false, true, 7));
        packets.add(new PublishPacket("empty/payload", new byte[0], 1, false, false, 2));
        packets.add(new PublishPacket("größe/温度/\uD83D\uDE00", utf8("multibyte topic"), 1, false, false, 3));
        packets.add(new PublishPacket("$SYS/broker/uptime", utf8("1"), 0, false, false, 0));
        packets.add(new PublishPacket("large", randomBytes(200_000, 1), 2, false, false, 4));
        packets.add(new PubAckPacket(1));
        packets.add(new PubRecPacket(2));
        packets.add(new PubRelPacket(3));
        packets.add(new PubCompPacket(65535));
        packets.add(new SubscribePacket(10, List.of(new Subscription("a/#", 1))));
        packets.add(new SubscribePacket(11, List.of(new Subscription("a/+/c", 0), new Subscription("#", 2),
                new Subscription("ü/+", 1))));
        packets.add(new SubAckPacket(10, List.of(1)));
        packets.add(new SubAckPacket(11, List.of(0, 1, 2, SubAckPacket.FAILURE)));
        packets.add(new UnsubscribePacket(12, List.of("a/#")));
        packets.add(new UnsubscribePacket(13, List.of("a/+/c", "#", "x")));
        packets.add(new UnsubAckPacket(12));
        packets.add(PingReqPacket.INSTANCE);
        packets.add(PingRespPacket.INSTANCE);
        packets.add(DisconnectPacket.INSTANCE);
        return packets;
    }

    /** The fixed header's first byte of a type other than PUBLISH, with the flags its rule fixes [MQTT-2.2.2-1]. */
    static byte firstByte(PacketType type) {
        boolean flags0010 = type == PacketType.PUBREL || type == PacketType.SUBSCRIBE || type == PacketType.UNSUBSCRIBE;
        return (byte) (type.code() << 4 | (flags0010 ? 0b0010 : 0));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String hex(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    /** The samples that travel this route: the version's own, of the types the route carries. */
    static List<MqttPacket> sentIn(PacketRoute route) {
        List<MqttPacket> samples = route.isMqtt5() ? Mqtt5CodecSamples.all() : all();
        return samples.stream().filter(route::carries).toList();
    }

    /** Each sample with each direction it travels in: PUBLISH and its acknowledgements twice. */
    static Stream<Arguments> inEveryDirection() {
        return all().stream().flatMap(p -> Direction.carrying(p.type()).stream().map(d -> Arguments.of(d, p)));
    }

    /** Each MQTT 5.0 sample with each direction it travels in: DISCONNECT and AUTH twice as well. */
    static Stream<Arguments> inEveryMqtt5Direction() {
        return Mqtt5CodecSamples.all().stream()
                .flatMap(p -> Mqtt5Direction.carrying(p).stream().map(d -> Arguments.of(d, p)));
    }
}

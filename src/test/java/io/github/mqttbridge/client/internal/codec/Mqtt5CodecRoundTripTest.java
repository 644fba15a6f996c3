package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What MQTT 5.0 adds to the round trips of MqttCodecRoundTripTest, which runs its samples too: the client's
 * encoder and decoder of MQTT 5.0, samples of every packet type and every property in every place it may stand,
 * and the hot path's allocation.
 */
class Mqtt5CodecRoundTripTest {

    static List<MqttPacket> clientSamples() {
        return CodecSamples.sentIn(Mqtt5Direction.CLIENT_TO_SERVER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientSamples")
    void theClientsEncoderAndDecoderForMqtt5AreTheTablesOfMqtt5(MqttPacket packet) throws MqttDecodeException {
        MqttEncoder encoder = MqttEncoder.forClient(MqttVersion.MQTT_5);
        assertEquals(CodecSamples.hex(Mqtt5Direction.CLIENT_TO_SERVER.encode(packet)),
                CodecSamples.hex(encoder.encode(packet)));
        assertEquals(Mqtt5Direction.CLIENT_TO_SERVER.encoders().encodedSize(packet), encoder.encodedSize(packet));
    }

    @Test
    void theClientsMqtt5DecoderReadsWhatAnMqtt5ServerSends() throws MqttDecodeException {
        MqttDecoder decoder = MqttDecoder.forClient(MqttDecoder.DEFAULT_MAX_PACKET_SIZE, MqttVersion.MQTT_5);
        for (MqttPacket packet : CodecSamples.sentIn(Mqtt5Direction.SERVER_TO_CLIENT)) {
            assertEquals(packet, decoder.decode(Mqtt5Direction.SERVER_TO_CLIENT.encode(packet)));
        }
    }

    @Test
    void samplesCarryEveryPropertyInEveryScopeItMayStandIn() {
        Set<String> allowed = new HashSet<>();
        for (MqttProperty p : MqttProperty.values()) {
            for (PropertyScope scope : PropertyScope.values()) {
                if (p.allowedIn(scope)) {
                    allowed.add(p + " in " + scope);
                }
            }
        }
        Set<String> carried = new HashSet<>();
        for (MqttPacket packet : Mqtt5CodecSamples.all()) {
            Mqtt5CodecSamples.propertiesByScope(packet).forEach((scope, properties) ->
                    properties.entries().forEach(e -> carried.add(e.property() + " in " + scope)));
        }
        assertEquals(allowed, carried);
    }

    @Test
    void encodingAPublishWithoutPropertiesAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PublishPacket packet = new PublishPacket("devices/sensor-0042/telemetry", new byte[64], 1, false, false, 4711);
        MqttEncoder encoder = MqttEncoder.forClient(MqttVersion.MQTT_5);
        ByteBuffer out = ByteBuffer.allocate(encoder.encodedSize(packet));
        for (int i = 0; i < 20_000; i++) {
            encodeInto(encoder, packet, out);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            encodeInto(encoder, packet, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // A few bytes of slack for the counter's own bookkeeping; one allocation per packet would be 1000s.
        assertTrue(allocated < 1_000, "allocated " + allocated + " bytes for 1000 packets");
    }

    private static void encodeInto(MqttEncoder encoder, PublishPacket packet, ByteBuffer out) {
        out.clear();
        int remainingLength = encoder.remainingLength(packet);
        encoder.encode(packet, remainingLength, out);
    }
}

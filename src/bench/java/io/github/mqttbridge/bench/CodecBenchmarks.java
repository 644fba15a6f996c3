package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.MqttDecoder;
import io.github.mqttbridge.client.internal.codec.MqttEncoder;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubAckPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubCompPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRecPacket;
import io.github.mqttbridge.client.internal.codec.packet.PubRelPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the codec as the client's connection uses it: encoding into a reused output buffer (size
 * first, then the bytes) and decoding from the read buffer. Run by {@link CodecSection}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmarks {
    static final String TOPIC = "devices/sensor-0042/telemetry";
    static final MqttEncoder ENCODER = MqttEncoder.forClient(MqttVersion.MQTT_3_1_1);

    /** A QoS 1 PUBLISH on a topic of typical length, with the payload size under test. */
    @State(Scope.Thread)
    public static class Publish {
        @Param({"64", "1024", "65536"})
        public int payloadBytes;

        PublishPacket packet;
        ByteBuffer out;
        ByteBuffer encoded;
        final MqttDecoder decoder = MqttDecoder.forClient(MqttDecoder.DEFAULT_MAX_PACKET_SIZE, MqttVersion.MQTT_3_1_1);

        @Setup
        public void setUp() {
            packet = new PublishPacket(TOPIC, new byte[payloadBytes], 1, false, false, 4711);
            out = ByteBuffer.allocate(ENCODER.encodedSize(packet));
            encoded = ENCODER.encode(packet);
        }
    }

    /** One of the four packet-id-only acknowledgements of the QoS 1 and 2 flows. */
    @State(Scope.Thread)
    public static class Ack {
        @Param({"PUBACK", "PUBREC", "PUBREL", "PUBCOMP"})
        public String type;

        MqttPacket packet;
        ByteBuffer out;
        ByteBuffer encoded;
        final MqttDecoder decoder = MqttDecoder.forClient(MqttDecoder.DEFAULT_MAX_PACKET_SIZE, MqttVersion.MQTT_3_1_1);

        @Setup
        public void setUp() {
            packet = switch (type) {
                case "PUBACK" -> new PubAckPacket(4711);
                case "PUBREC" -> new PubRecPacket(4711);
                case "PUBREL" -> new PubRelPacket(4711);
                case "PUBCOMP" -> new PubCompPacket(4711);
                default -> throw new IllegalArgumentException("not an acknowledgement: " + type);
            };
            out = ByteBuffer.allocate(ENCODER.encodedSize(packet));
            encoded = ENCODER.encode(packet);
        }
    }

    @Benchmark
    public ByteBuffer encodePublish(Publish state) {
        return encode(state.packet, state.out);
    }

    @Benchmark
    public MqttPacket decodePublish(Publish state) throws MqttDecodeException {
        return decode(state.decoder, state.encoded);
    }

    @Benchmark
    public ByteBuffer encodeAck(Ack state) {
        return encode(state.packet, state.out);
    }

    @Benchmark
    public MqttPacket decodeAck(Ack state) throws MqttDecodeException {
        return decode(state.decoder, state.encoded);
    }

    private static ByteBuffer encode(MqttPacket packet, ByteBuffer out) {
        out.clear();
        int remainingLength = ENCODER.remainingLength(packet);
        if (MqttEncoder.sizeOf(remainingLength) > out.capacity()) {
            throw new IllegalStateException("encoded size changed");
        }
        ENCODER.encode(packet, remainingLength, out);
        return out;
    }

    private static MqttPacket decode(MqttDecoder decoder, ByteBuffer encoded) throws MqttDecodeException {
        encoded.position(0);
        return decoder.decode(encoded);
    }
}

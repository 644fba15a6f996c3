package io.github.mqttbridge.client.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mqttbridge.client.internal.codec.PacketRoute;
import io.github.mqttbridge.client.internal.codec.MqttDecoder;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the packet decoder (Jazzer), the client's and the tests' server's alike: every input
 * goes to the decoder of each direction, in MQTT 3.x and in MQTT 5.0. Whatever the bytes, the decoder yields packets, asks for more, or throws
 * MqttDecodeException — any other exception is a finding — and every packet it yields encodes back, by the
 * sender's encoder, to bytes that decode to the same packet. Without JAZZER_FUZZ set this runs the corpus in
 * src/test/resources as a regression test; with it, it fuzzes. fuzz/long-run fuzzes it for hours (docs/reliability.md).
 */
public class DecoderFuzzTest {
    private static final int MAX_PACKET = 64 * 1024;

    @FuzzTest(maxDuration = "30s")
    void decoding_yields_packets_more_or_a_decode_exception(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The same check as an entry point of Jazzer's command line, which runs the long fuzzing campaign. */
    public static void fuzzerTestOneInput(byte[] input) {
        for (PacketRoute direction : PacketRoute.all()) {
            decodeAndRoundTrip(direction, input);
        }
    }

    private static void decodeAndRoundTrip(PacketRoute direction, byte[] input) {
        MqttDecoder decoder = direction.decoder(MAX_PACKET);
        ByteBuffer in = ByteBuffer.wrap(input);
        try {
            MqttPacket packet;
            while ((packet = decoder.decode(in)) != null) {
                MqttPacket again = direction.decoder(MAX_PACKET).decode(direction.encode(packet));
                assertEquals(packet, again, direction + ": a decoded packet must survive encoding and decoding");
            }
        } catch (MqttDecodeException expected) {
            // malformed input is reported this way and no other
        }
    }
}

package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

import java.nio.ByteBuffer;
import java.util.List;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check of the malformed-packet tests: every decoder given rejects the bytes as malformed, naming the rule,
 * unconsumed. */
final class DecoderRejections {
    private DecoderRejections() {
    }

    static void assertRejected(List<? extends PacketRoute> routes, String bytes, String message) {
        assertTrue(!routes.isEmpty(), () -> "no decoder to try " + bytes + " on");
        for (PacketRoute route : routes) {
            ByteBuffer in = ByteBuffer.wrap(hex(bytes));
            MqttDecodeException e = assertThrows(MqttDecodeException.class,
                    () -> route.decoder(1024).decode(in), route.toString());
            assertTrue(e.getMessage().contains(message),
                    () -> route + ": expected '" + message + "' in: " + e.getMessage());
            assertEquals(0x81, e.reasonCode(), () -> route + ": MQTT 5 calls it a Malformed Packet");
            assertEquals(0, in.position(), "a rejected packet is not consumed");
        }
    }
}

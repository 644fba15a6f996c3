package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

import java.nio.ByteBuffer;
import java.util.List;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check of the malformed-packet tests: every decoder given rejects the bytes, naming the rule, unconsumed,
 * with the reason code a DISCONNECT gives for it on MQTT 5 (0x81 Malformed Packet unless told otherwise). */
final class DecoderRejections {
    private DecoderRejections() {
    }

    static void assertRejected(List<? extends PacketRoute> routes, String bytes, String message) {
        assertRejected(routes, bytes, message, 0x81);
    }

    /** As a rule MQTT 5 gives a reason code of its own, e.g. 0x82 Protocol Error for a property given twice. */
    static void assertRejected(List<? extends PacketRoute> routes, String bytes, String message, int reasonCode) {
        assertTrue(!routes.isEmpty(), () -> "no decoder to try " + bytes + " on");
        for (PacketRoute route : routes) {
            ByteBuffer in = ByteBuffer.wrap(hex(bytes));
            MqttDecodeException e = assertThrows(MqttDecodeException.class,
                    () -> route.decoder(1024).decode(in), route.toString());
            assertTrue(e.getMessage().contains(message),
                    () -> route + ": expected '" + message + "' in: " + e.getMessage());
            assertEquals(reasonCode, e.reasonCode(), () -> route + ": the reason code MQTT 5 gives it");
            assertEquals(0, in.position(), "a rejected packet is not consumed");
        }
    }
}

package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check of the encoder validation tests: every encoder given refuses the packet, naming the field, unwritten. */
final class EncoderRefusals {
    private EncoderRefusals() {
    }

    static void assertRefused(List<? extends PacketRoute> routes, MqttPacket packet, String message) {
        assertTrue(!routes.isEmpty(), () -> "no encoder to try " + packet + " on");
        for (PacketRoute route : routes) {
            ByteBuffer out = ByteBuffer.allocate(256 * 1024);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> route.encoders().encode(packet, out), route.toString());

            assertTrue(e.getMessage().contains(message), () -> route + ": expected '" + message + "' in: " + e.getMessage());
            assertEquals(0, out.position(), "nothing written");
            assertThrows(IllegalArgumentException.class, () -> route.encoders().encodedSize(packet));
        }
    }
}

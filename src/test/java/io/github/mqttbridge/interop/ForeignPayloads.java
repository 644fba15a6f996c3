package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Payloads that a client could alter on the way if it treated them as text: for the MQTT.js exchange. */
final class ForeignPayloads {

    private ForeignPayloads() {
    }

    static List<byte[]> tricky() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] random = new byte[64 * 1024];
        new Random(42).nextBytes(random);
        return List.of(
                everyByte,
                new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00}, // not UTF-8
                new byte[0],
                "ünïcødé ✓ \uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
                "line\r\nbreaks\n".getBytes(StandardCharsets.UTF_8),
                random);
    }

    static void assertSame(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "number of payloads");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "payload " + i + " differs");
        }
    }
}

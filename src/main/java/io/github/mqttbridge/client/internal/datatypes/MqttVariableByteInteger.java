package io.github.mqttbridge.client.internal.datatypes;

import java.nio.ByteBuffer;

/**
 * The variable byte integer of the fixed header's remaining length (MQTT 3.1.1 section 2.2.3): seven bits per
 * byte, least significant group first, bit 7 set when another byte follows, at most four bytes.
 */
public final class MqttVariableByteInteger {
    public static final int MAX_VALUE = 268_435_455;
    public static final int MAX_BYTES = 4;
    /** Returned by {@link #decode} while the integer's last byte has not arrived yet. */
    public static final int NOT_ENOUGH_BYTES = -1;

    private MqttVariableByteInteger() {
    }

    /**
     * Reads a variable byte integer at the buffer's position and advances past it. When the buffer ends before
     * the integer does, returns {@link #NOT_ENOUGH_BYTES}, and the position is then unspecified: the caller
     * resets it to the packet's start.
     */
    public static int decode(ByteBuffer in) throws MqttDecodeException {
        int value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                return NOT_ENOUGH_BYTES;
            }
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MqttDecodeException("malformed remaining length: more than " + MAX_BYTES + " bytes");
    }

    public static int encodedSize(int value) {
        requireInRange(value);
        if (value < 1 << 7) {
            return 1;
        }
        if (value < 1 << 14) {
            return 2;
        }
        return value < 1 << 21 ? 3 : 4;
    }

    public static void encode(int value, ByteBuffer out) {
        requireInRange(value);
        int rest = value;
        do {
            int b = rest & 0x7F;
            rest >>>= 7;
            out.put((byte) (rest > 0 ? b | 0x80 : b));
        } while (rest > 0);
    }

    private static void requireInRange(int value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException(
                    "remaining length must be 0.." + MAX_VALUE + " to fit a variable byte integer, was " + value);
        }
    }
}

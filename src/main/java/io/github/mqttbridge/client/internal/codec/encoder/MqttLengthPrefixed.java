package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;

import java.nio.ByteBuffer;

/**
 * The two length-prefixed field kinds: UTF-8 strings and binary data (MQTT 3.1.1 sections 1.5.3 and 3.1.3).
 * Strings are written char by char straight into the buffer, so encoding a topic allocates nothing.
 */
final class MqttLengthPrefixed {
    private static final int LENGTH_PREFIX = 2;

    private MqttLengthPrefixed() {
    }

    /** The string's size on the wire, prefix included; rejects what MQTT cannot carry. */
    static int stringSize(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        String problem = MqttUtf8.problem(s);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
        return checkedStringSize(s);
    }

    /** The size on the wire of a string already held to the MQTT string rules, e.g. by the topic rules. */
    static int checkedStringSize(String s) {
        return LENGTH_PREFIX + MqttUtf8.encodedLength(s);
    }

    static int binarySize(byte[] data, String field) {
        if (data == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (data.length > MqttUtf8.MAX_BYTES) {
            throw new IllegalArgumentException(
                    field + " must not be longer than " + MqttUtf8.MAX_BYTES + " bytes, was " + data.length);
        }
        return LENGTH_PREFIX + data.length;
    }

    /** Writes a string that {@link #stringSize} accepted, so every surrogate is known to be paired. */
    static void writeString(String s, ByteBuffer out) {
        int lengthAt = out.position();
        out.position(lengthAt + LENGTH_PREFIX);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | c >>> 6));
                out.put((byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | cp >>> 18));
                out.put((byte) (0x80 | cp >>> 12 & 0x3F));
                out.put((byte) (0x80 | cp >>> 6 & 0x3F));
                out.put((byte) (0x80 | cp & 0x3F));
            } else {
                out.put((byte) (0xE0 | c >>> 12));
                out.put((byte) (0x80 | c >>> 6 & 0x3F));
                out.put((byte) (0x80 | c & 0x3F));
            }
        }
        // Back-filled so the length measured while sizing need not be carried over to writing.
        out.putShort(lengthAt, (short) (out.position() - lengthAt - LENGTH_PREFIX));
    }

    static void writeBinary(byte[] data, ByteBuffer out) {
        out.putShort((short) data.length);
        out.put(data);
    }
}

package io.github.mqttbridge.client.internal.persistence;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A message's MQTT 5 properties in the session log: a count, then per property its identifier and its value by the
 * property's data type (integers at fixed width, strings and binary data length-prefixed). The log's own format, not
 * the wire's, so that it stays readable whatever the codec becomes.
 */
final class StoredProperties {
    private StoredProperties() {
    }

    static int size(MqttProperties properties) {
        int size = Integer.BYTES;
        for (MqttProperties.Entry e : properties.entries()) {
            size += 1 + switch (e.property().type()) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> Integer.BYTES;
                case FOUR_BYTE_INTEGER -> Long.BYTES;
                case UTF8_STRING -> sized(utf8((String) e.value()));
                case BINARY_DATA -> sized((byte[]) e.value());
                case UTF8_STRING_PAIR -> sized(utf8(((StringPair) e.value()).name()))
                        + sized(utf8(((StringPair) e.value()).value()));
            };
        }
        return size;
    }

    static void write(MqttProperties properties, ByteBuffer out) {
        out.putInt(properties.entries().size());
        for (MqttProperties.Entry e : properties.entries()) {
            out.put((byte) e.property().id());
            switch (e.property().type()) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> out.putInt((Integer) e.value());
                case FOUR_BYTE_INTEGER -> out.putLong((Long) e.value());
                case UTF8_STRING -> putBytes(utf8((String) e.value()), out);
                case BINARY_DATA -> putBytes((byte[]) e.value(), out);
                case UTF8_STRING_PAIR -> {
                    putBytes(utf8(((StringPair) e.value()).name()), out);
                    putBytes(utf8(((StringPair) e.value()).value()), out);
                }
            }
        }
    }

    /** Reads what {@link #write} wrote; an unknown identifier means a damaged record and throws. */
    static MqttProperties read(ByteBuffer in) {
        int count = in.getInt();
        MqttProperties.Builder b = MqttProperties.builder();
        for (int i = 0; i < count; i++) {
            MqttProperty property = MqttProperty.ofId(in.get() & 0xFF);
            if (property == null) {
                throw new IllegalStateException("unknown MQTT 5 property in the session log");
            }
            b.add(property, switch (property.type()) {
                case BYTE, TWO_BYTE_INTEGER, VARIABLE_BYTE_INTEGER -> in.getInt();
                case FOUR_BYTE_INTEGER -> in.getLong();
                case UTF8_STRING -> string(in);
                case BINARY_DATA -> bytes(in);
                case UTF8_STRING_PAIR -> new StringPair(string(in), string(in));
            });
        }
        return b.build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int sized(byte[] bytes) {
        return Integer.BYTES + bytes.length;
    }

    private static void putBytes(byte[] bytes, ByteBuffer out) {
        out.putInt(bytes.length).put(bytes);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return bytes;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }
}

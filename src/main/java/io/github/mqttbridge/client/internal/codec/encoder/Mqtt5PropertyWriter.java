package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PropertyProblem;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;

import java.nio.ByteBuffer;

/**
 * Writes the properties of an MQTT 5.0 packet or will (MQTT 5.0 section 2.2.2): the property length as a variable
 * byte integer, then each (identifier, value) in order. {@link MqttProperties#EMPTY}, the hot path's case, costs
 * one byte and no allocation.
 */
final class Mqtt5PropertyWriter {
    private static final int EMPTY_SIZE = 1;

    private Mqtt5PropertyWriter() {
    }

    /**
     * The size on the wire, property length included, after checking that the properties may stand in this scope
     * and that every value can be encoded.
     */
    static int size(MqttProperties properties, PropertyScope scope) {
        if (properties == null) {
            throw new IllegalArgumentException("properties of " + scope + " must not be null, use MqttProperties.EMPTY");
        }
        if (properties.isEmpty()) {
            return EMPTY_SIZE;
        }
        PropertyProblem problem = properties.problem(scope);
        if (problem != null) {
            throw new IllegalArgumentException("properties of " + scope + ": " + problem.message());
        }
        long length = 0;
        for (MqttProperties.Entry e : properties.entries()) {
            length += checkedEntrySize(e, scope);
        }
        if (length > MqttVariableByteInteger.MAX_VALUE) {
            throw new IllegalArgumentException("properties of " + scope + " take " + length + " bytes, more than the "
                    + MqttVariableByteInteger.MAX_VALUE + " a property length can express");
        }
        return MqttVariableByteInteger.encodedSize((int) length) + (int) length;
    }

    /** Writes properties that {@link #size} accepted. */
    static void write(MqttProperties properties, ByteBuffer out) {
        if (properties.isEmpty()) {
            // Spares the hot path the iterators of the loops below.
            out.put((byte) 0);
            return;
        }
        int length = 0;
        for (MqttProperties.Entry e : properties.entries()) {
            length += entrySize(e);
        }
        MqttVariableByteInteger.encode(length, out);
        for (MqttProperties.Entry e : properties.entries()) {
            writeEntry(e, out);
        }
    }

    private static int checkedEntrySize(MqttProperties.Entry e, PropertyScope scope) {
        String field = e.property() + " of " + scope;
        if (e.value() instanceof String s) {
            MqttLengthPrefixed.stringSize(s, field);
        } else if (e.value() instanceof byte[] b) {
            MqttLengthPrefixed.binarySize(b, field);
        } else if (e.value() instanceof StringPair pair) {
            MqttLengthPrefixed.stringSize(pair.name(), field + " name");
            MqttLengthPrefixed.stringSize(pair.value(), field + " value");
        }
        return entrySize(e);
    }

    private static int entrySize(MqttProperties.Entry e) {
        MqttProperty p = e.property();
        int idSize = MqttVariableByteInteger.encodedSize(p.id());
        return idSize + switch (p.type()) {
            case BYTE -> 1;
            case TWO_BYTE_INTEGER -> 2;
            case FOUR_BYTE_INTEGER -> 4;
            case VARIABLE_BYTE_INTEGER -> MqttVariableByteInteger.encodedSize((Integer) e.value());
            case UTF8_STRING -> MqttLengthPrefixed.checkedStringSize((String) e.value());
            case BINARY_DATA -> 2 + ((byte[]) e.value()).length;
            case UTF8_STRING_PAIR -> MqttLengthPrefixed.checkedStringSize(((StringPair) e.value()).name())
                    + MqttLengthPrefixed.checkedStringSize(((StringPair) e.value()).value());
        };
    }

    private static void writeEntry(MqttProperties.Entry e, ByteBuffer out) {
        MqttProperty p = e.property();
        MqttVariableByteInteger.encode(p.id(), out);
        switch (p.type()) {
            case BYTE -> out.put((byte) (int) (Integer) e.value());
            case TWO_BYTE_INTEGER -> out.putShort((short) (int) (Integer) e.value());
            case FOUR_BYTE_INTEGER -> out.putInt((int) (long) (Long) e.value());
            case VARIABLE_BYTE_INTEGER -> MqttVariableByteInteger.encode((Integer) e.value(), out);
            case UTF8_STRING -> MqttLengthPrefixed.writeString((String) e.value(), out);
            // The entry holds its own copy, so the bytes written are the ones that were sized.
            case BINARY_DATA -> MqttLengthPrefixed.writeBinary((byte[]) e.value(), out);
            case UTF8_STRING_PAIR -> {
                StringPair pair = (StringPair) e.value();
                MqttLengthPrefixed.writeString(pair.name(), out);
                MqttLengthPrefixed.writeString(pair.value(), out);
            }
        }
    }
}

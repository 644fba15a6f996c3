package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import io.github.mqttbridge.client.internal.codec.packet.PropertyProblem;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.codec.packet.StringPair;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * Reads the properties of an MQTT 5.0 packet or will (MQTT 5.0 section 2.2.2): the property length, then
 * (identifier, value) pairs that must end exactly where it says. A property length of 0, the common case on the
 * hot path, yields {@link MqttProperties#EMPTY} without allocating.
 */
final class Mqtt5PropertyReader {
    private Mqtt5PropertyReader() {
    }

    static MqttProperties read(MqttBodyReader body, PropertyScope scope) throws MqttDecodeException {
        int length = body.readVariableByteInteger("property length");
        if (length == 0) {
            return MqttProperties.EMPTY;
        }
        MqttBodyReader area = body.split(length, "properties");
        MqttProperties.Builder builder = MqttProperties.builder();
        while (area.remaining() > 0) {
            int id = area.readVariableByteInteger("property identifier");
            MqttProperty property = MqttProperty.ofId(id);
            if (property == null) {
                throw new MqttDecodeException(String.format("unknown property identifier 0x%02X", id) + " in " + scope
                        + " (MQTT 5.0 section 2.2.2.2)");
            }
            builder.add(property, readValue(property, area));
        }
        MqttProperties properties = builder.build();
        PropertyProblem problem = properties.problem(scope);
        if (problem != null) {
            throw new MqttDecodeException(problem.message(), problem.reasonCode());
        }
        return properties;
    }

    private static Object readValue(MqttProperty property, MqttBodyReader area) throws MqttDecodeException {
        String field = property.toString();
        return switch (property.type()) {
            case BYTE -> area.readUnsignedByte(field);
            case TWO_BYTE_INTEGER -> area.readUnsignedShort(field);
            case FOUR_BYTE_INTEGER -> area.readFourByteInteger(field);
            case VARIABLE_BYTE_INTEGER -> area.readVariableByteInteger(field);
            case UTF8_STRING -> area.readString(field);
            case BINARY_DATA -> area.readBinary(field);
            case UTF8_STRING_PAIR -> new StringPair(area.readString(field + " name"), area.readString(field + " value"));
        };
    }
}

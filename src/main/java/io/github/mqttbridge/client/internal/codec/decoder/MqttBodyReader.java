package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;

/**
 * Reads the fields of one packet's variable header and payload from a buffer that holds exactly its remaining
 * length. Every read first checks that the bytes are there, so a lying length field becomes a
 * {@link MqttDecodeException} naming the field instead of a buffer underflow.
 */
final class MqttBodyReader {
    private final PacketType type;
    private final ByteBuffer body;

    MqttBodyReader(PacketType type, ByteBuffer body) {
        this.type = type;
        this.body = body;
    }

    int remaining() {
        return body.remaining();
    }

    /** For the types whose size the spec fixes: checked before any field is read, so the message says why. */
    void requireRemainingLength(int expected) throws MqttDecodeException {
        if (body.remaining() != expected) {
            throw new MqttDecodeException("remaining length " + body.remaining() + " does not match the "
                    + expected + " bytes a " + type + " has");
        }
    }

    int readUnsignedByte(String field) throws MqttDecodeException {
        require(1, field);
        return body.get() & 0xFF;
    }

    int readUnsignedShort(String field) throws MqttDecodeException {
        require(2, field);
        return body.getShort() & 0xFFFF;
    }

    int readPacketId() throws MqttDecodeException {
        int packetId = readUnsignedShort("packet id");
        if (packetId == 0) {
            throw new MqttDecodeException("packet id must not be 0 in " + type + " [MQTT-2.3.1-1]");
        }
        return packetId;
    }

    /** A length-prefixed UTF-8 string, strictly decoded [MQTT-1.5.3-1, MQTT-1.5.3-2]. */
    String readString(String field) throws MqttDecodeException {
        int length = readLength(field);
        String s = MqttUtf8.decode(body, length);
        if (s == null) {
            throw new MqttDecodeException("invalid UTF-8 in " + field + " of " + type
                    + ": not well-formed or holds U+0000 [MQTT-1.5.3-1, MQTT-1.5.3-2]");
        }
        return s;
    }

    /**
     * Length-prefixed binary data. In MQTT 3.1.1 only CONNECT carries it, so the client's decoders do not read it;
     * it stays with the other field kinds for the tests' server and for the binary properties of MQTT 5.
     */
    byte[] readBinary(String field) throws MqttDecodeException {
        byte[] bytes = new byte[readLength(field)];
        body.get(bytes);
        return bytes;
    }

    /** All bytes left, e.g. a PUBLISH payload, which takes the rest of the packet. */
    byte[] readRest() {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    private int readLength(String field) throws MqttDecodeException {
        int length = readUnsignedShort("length of " + field);
        require(length, field);
        return length;
    }

    private void require(int bytes, String field) throws MqttDecodeException {
        if (body.remaining() < bytes) {
            throw new MqttDecodeException(type + " too short for its " + field + ": needs " + bytes
                    + " bytes, only " + body.remaining() + " left of the remaining length");
        }
    }
}

package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;
import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.ReasonCode;

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

    long readFourByteInteger(String field) throws MqttDecodeException {
        require(4, field);
        return body.getInt() & 0xFFFF_FFFFL;
    }

    /**
     * A variable byte integer inside the body (MQTT 5.0 section 1.5.5): at most four bytes, all of them within the
     * body, in the fewest bytes that hold the value [MQTT-1.5.5-1].
     */
    int readVariableByteInteger(String field) throws MqttDecodeException {
        int start = body.position();
        int value;
        try {
            value = MqttVariableByteInteger.decode(body);
        } catch (MqttDecodeException e) {
            throw new MqttDecodeException("malformed variable byte integer in " + field + " of " + type
                    + ": more than " + MqttVariableByteInteger.MAX_BYTES + " bytes (MQTT 5.0 section 1.5.5)");
        }
        if (value == MqttVariableByteInteger.NOT_ENOUGH_BYTES) {
            throw new MqttDecodeException(type + " too short for its " + field
                    + ": the variable byte integer runs past the remaining length");
        }
        if (body.position() - start != MqttVariableByteInteger.encodedSize(value)) {
            throw new MqttDecodeException("malformed variable byte integer in " + field + " of " + type
                    + ": " + value + " must be encoded in the minimum number of bytes [MQTT-1.5.5-1]");
        }
        return value;
    }

    /**
     * A reader of the next {@code length} bytes alone, which this one skips: what it reads cannot run into the
     * fields after them, e.g. a property into the payload.
     */
    MqttBodyReader split(int length, String field) throws MqttDecodeException {
        if (body.remaining() < length) {
            throw new MqttDecodeException("the " + field + " of " + type + " is " + length + " bytes, past the end of"
                    + " the packet: only " + body.remaining() + " left of the remaining length");
        }
        MqttBodyReader part = new MqttBodyReader(type, body.slice(body.position(), length));
        body.position(body.position() + length);
        return part;
    }

    /** A reason code as it reads in this packet type, e.g. "0x87 Not authorized". */
    String describe(int reasonCode) {
        return ReasonCode.describe(type, reasonCode);
    }

    /** An MQTT 5.0 reason code, which must be one this packet type may carry (MQTT 5.0 section 2.4). */
    int readReasonCode() throws MqttDecodeException {
        int code = readUnsignedByte("reason code");
        if (ReasonCode.of(type, code) == null) {
            throw new MqttDecodeException("reason code " + describe(code) + " is not one a " + type
                    + " may carry (MQTT 5.0 section 2.4)");
        }
        return code;
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

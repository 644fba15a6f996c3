package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.decoder.Mqtt3ClientDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.Mqtt5ClientDecoders;
import io.github.mqttbridge.client.internal.codec.decoder.MqttPacketDecoders;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;

/**
 * Cuts MQTT 3.1 / 3.1.1 / 5.0 packets out of a byte stream. Stateless, and so thread-safe: a partial packet stays in
 * the caller's buffer, not here, which lets one decoder serve any number of connections.
 *
 * <p>It decodes one direction of one protocol version, given by its table of decoders: the client's decoder takes
 * only what a server may send, and a packet of any other type is malformed input.
 *
 * <p>Every malformed input ends in a {@link MqttDecodeException}; no length read from the wire is trusted
 * before it has been checked against the maximum packet size and against the bytes actually present.
 */
public final class MqttDecoder {
    public static final int DEFAULT_MAX_PACKET_SIZE = 16 * 1024 * 1024;
    /** The smallest packet: a type byte and a remaining length of 0. */
    private static final int MIN_PACKET_SIZE = 2;

    private final int maxPacketSize;
    private final MqttPacketDecoders decoders;

    /**
     * @param maxPacketSize the largest packet accepted, fixed header included
     * @param decoders      the packet types this side receives, with their decoders
     */
    public MqttDecoder(int maxPacketSize, MqttPacketDecoders decoders) {
        if (maxPacketSize < MIN_PACKET_SIZE) {
            throw new IllegalArgumentException(
                    "maxPacketSize must be at least " + MIN_PACKET_SIZE + " bytes, was " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
        this.decoders = decoders;
    }

    /** The client's decoder: what a server sends, in this version; 3.1 and 3.1.1 share one table. */
    public static MqttDecoder forClient(int maxPacketSize, MqttVersion version) {
        return new MqttDecoder(maxPacketSize, version.isMqtt5() ? Mqtt5ClientDecoders.TABLE : Mqtt3ClientDecoders.TABLE);
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /**
     * Decodes the packet at the buffer's position if all of it is there, and advances the position past it.
     * Returns null, with the position unchanged, while the packet is incomplete: read more bytes and call again.
     * On a {@link MqttDecodeException} the position is left at the start of the offending packet.
     */
    public MqttPacket decode(ByteBuffer in) throws MqttDecodeException {
        int start = in.position();
        if (!in.hasRemaining()) {
            return null;
        }
        int first = in.get(start) & 0xFF;
        PacketType type = PacketType.ofCode(first >>> 4);
        if (type == null) {
            throw new MqttDecodeException("reserved packet type " + (first >>> 4) + " in the fixed header");
        }
        decoders.requireAllowed(type);
        in.position(start + 1);
        int remainingLength;
        int headerSize;
        try {
            remainingLength = MqttVariableByteInteger.decode(in);
            // Counted, not derived from the value: the spec does not forbid a non-minimal encoding.
            headerSize = in.position() - start;
        } finally {
            // Restored in every case, so an incomplete or rejected header leaves the caller's buffer as it was.
            in.position(start);
        }
        if (remainingLength == MqttVariableByteInteger.NOT_ENOUGH_BYTES) {
            return null;
        }
        checkPacketSize(type, headerSize, remainingLength);
        if (in.remaining() - headerSize < remainingLength) {
            return null;
        }
        ByteBuffer body = in.slice(start + headerSize, remainingLength);
        MqttPacket packet = decoders.decode(type, first & 0x0F, body);
        in.position(start + headerSize + remainingLength);
        return packet;
    }

    private void checkPacketSize(PacketType type, int headerSize, int remainingLength) throws MqttDecodeException {
        long packetSize = (long) headerSize + remainingLength;
        if (packetSize > maxPacketSize) {
            throw MqttDecodeException.tooLarge("remaining length " + remainingLength + " of " + type
                    + " exceeds the maximum packet size of " + maxPacketSize + " bytes");
        }
    }
}

package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The decoders of one direction and protocol version, looked up by the packet type's code: what one side may
 * receive from the other (MQTT 3.1.1 section 2.2.1, MQTT 5.0 section 2.1.2). A type without a decoder here is one
 * the sender must never send. {@link Mqtt3ClientDecoders} and {@link Mqtt5ClientDecoders} hold the client's
 * tables; the server's, which only tests need, live with them.
 */
public final class MqttPacketDecoders {
    private final String sender;
    private final boolean mqtt5;
    private final MqttMessageDecoder[] byCode = new MqttMessageDecoder[16];

    /**
     * @param sender the side whose packets these are, as the error message names it, e.g. "a server"
     * @param mqtt5  whether the table is MQTT 5.0's, which gives type 15 to AUTH; MQTT 3.x reserves it
     */
    MqttPacketDecoders(String sender, boolean mqtt5, Map<PacketType, MqttMessageDecoder> decoders) {
        this.sender = sender;
        this.mqtt5 = mqtt5;
        decoders.forEach((type, decoder) -> byCode[type.code()] = decoder);
    }

    /** Rejects a type the sender must never send, so that it fails as soon as its first byte arrives. */
    public void requireAllowed(PacketType type) throws MqttDecodeException {
        decoderOf(type);
    }

    /**
     * Decodes one packet's variable header and payload, and holds the decoder to the body's exact length.
     *
     * @param flags bits 3-0 of the fixed header
     * @param body  exactly the remaining length; its position is advanced past what was read
     */
    public MqttPacket decode(PacketType type, int flags, ByteBuffer body) throws MqttDecodeException {
        MqttMessageDecoder decoder = decoderOf(type);
        MqttBodyReader reader = new MqttBodyReader(type, body);
        MqttPacket packet = decoder.decode(flags, reader);
        if (reader.remaining() != 0) {
            throw new MqttDecodeException(type + " has " + reader.remaining()
                    + " bytes left over after its last field: the remaining length is too long");
        }
        return packet;
    }

    private MqttMessageDecoder decoderOf(PacketType type) throws MqttDecodeException {
        MqttMessageDecoder decoder = byCode[type.code()];
        if (decoder == null && type == PacketType.AUTH && !mqtt5) {
            throw new MqttDecodeException("reserved packet type " + type.code() + " in the fixed header");
        }
        if (decoder == null) {
            throw MqttDecodeException.protocolError(sender + " must not send " + type
                    + (mqtt5 ? " (MQTT 5.0 section 2.1.2)" : " (MQTT 3.1.1 section 2.2.1)"));
        }
        return decoder;
    }
}

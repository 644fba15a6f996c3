package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

/** Decodes the body of one packet type; one implementation per type, looked up by the type's code. */
interface Mqtt3MessageDecoder {

    /**
     * @param flags bits 3-0 of the fixed header, which each type gives its own rules
     * @param body  exactly the packet's remaining length
     */
    MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException;
}

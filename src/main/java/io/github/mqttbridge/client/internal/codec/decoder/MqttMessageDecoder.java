package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;

/**
 * Decodes the body of one packet type in one protocol version; one implementation per type and version (or shared
 * where MQTT 5.0 kept the 3.1.1 layout, as for PINGRESP), looked up by the type's code.
 */
interface MqttMessageDecoder {

    /**
     * @param flags bits 3-0 of the fixed header, which each type gives its own rules
     * @param body  exactly the packet's remaining length
     */
    MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException;
}

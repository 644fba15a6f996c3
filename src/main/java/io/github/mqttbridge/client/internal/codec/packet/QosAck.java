package io.github.mqttbridge.client.internal.codec.packet;

/**
 * The shape PUBACK, PUBREC, PUBREL and PUBCOMP share: a packet id and, in MQTT 5.0, a reason code and properties
 * (reason string, user properties). Lets one v5 encoder and decoder serve all four.
 */
public interface QosAck {
    int packetId();

    /** 0x00 Success in every MQTT 3.x acknowledgement, which has no reason code on the wire. */
    int reasonCode();

    MqttProperties properties();
}

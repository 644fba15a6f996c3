package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;

/** An outbound message's MQTT 5 metadata as PUBLISH or will properties. */
final class MessageProperties {
    private MessageProperties() {
    }

    /** The PUBLISH properties of an outbound message; {@link MqttProperties#EMPTY} when it has no metadata. */
    static MqttProperties of(MqttMessage m) {
        return m.hasMetadata() ? builder(m).build() : MqttProperties.EMPTY;
    }

    /** The will properties: the message's metadata, and the will delay when it is not 0. */
    static MqttProperties will(MqttMessage m, long willDelayInterval) {
        MqttProperties.Builder b = builder(m);
        if (willDelayInterval > 0) {
            b.add(MqttProperty.WILL_DELAY_INTERVAL, willDelayInterval);
        }
        return b.build();
    }

    private static MqttProperties.Builder builder(MqttMessage m) {
        MqttProperties.Builder b = MqttProperties.builder();
        if (m.payloadFormatUtf8()) {
            requireUtf8(m);
            b.add(MqttProperty.PAYLOAD_FORMAT_INDICATOR, 1);
        }
        if (m.messageExpiryInterval() != null) {
            b.add(MqttProperty.MESSAGE_EXPIRY_INTERVAL, m.messageExpiryInterval());
        }
        if (m.contentType() != null) {
            b.add(MqttProperty.CONTENT_TYPE, m.contentType());
        }
        if (m.responseTopic() != null) {
            b.add(MqttProperty.RESPONSE_TOPIC, m.responseTopic());
        }
        if (m.correlationData() != null) {
            b.add(MqttProperty.CORRELATION_DATA, m.correlationData());
        }
        for (UserProperty p : m.userProperties()) {
            b.userProperty(p.name(), p.value());
        }
        return b;
    }

    /** A payload declared UTF-8 must be [MQTT-3.3.2-4]; a receiver may refuse it otherwise. */
    private static void requireUtf8(MqttMessage m) {
        try {
            m.payloadString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payload is declared UTF-8 (payloadFormatUtf8) but is not valid UTF-8",
                    e);
        }
    }
}

package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.ReasonCode;

/** The MQTT 5.0 rules beyond those of 3.1.1, enforced before anything is written. */
final class Mqtt5FieldRules {
    private Mqtt5FieldRules() {
    }

    static void requireReasonCode(int reasonCode, PacketType type) {
        if (ReasonCode.of(type, reasonCode) == null) {
            throw new IllegalArgumentException("reasonCode of " + type + " must be one of its reason codes (MQTT 5.0"
                    + " section 2.4), was " + ReasonCode.describe(type, reasonCode));
        }
    }
}

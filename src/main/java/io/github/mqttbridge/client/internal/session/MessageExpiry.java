package io.github.mqttbridge.client.internal.session;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperty;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT 5 message expiry of a publish that waited before it was sent: it is not sent once its interval has passed,
 * and otherwise goes out with what is left of the interval, as a server forwards it (MQTT 5 section 3.3.2.3.3).
 */
final class MessageExpiry {
    private MessageExpiry() {
    }

    /** Whether a message accepted at {@code acceptedNanos} has outlived its expiry interval by {@code nowNanos}. */
    static boolean expired(MqttProperties properties, long acceptedNanos, long nowNanos) {
        Long interval = properties.messageExpiryInterval();
        long waited = waitedSeconds(acceptedNanos, nowNanos);
        return interval != null && waited > 0 && waited >= interval;
    }

    /** The properties to send with: the expiry interval less the whole seconds waited, unchanged when none passed. */
    static MqttProperties remaining(MqttProperties properties, long acceptedNanos, long nowNanos) {
        Long interval = properties.messageExpiryInterval();
        long waited = waitedSeconds(acceptedNanos, nowNanos);
        if (interval == null || waited == 0) {
            return properties;
        }
        MqttProperties.Builder b = MqttProperties.builder();
        for (MqttProperties.Entry e : properties.entries()) {
            b.add(e.property(), e.property() == MqttProperty.MESSAGE_EXPIRY_INTERVAL ? interval - waited : e.value());
        }
        return b.build();
    }

    private static long waitedSeconds(long acceptedNanos, long nowNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - acceptedNanos);
    }
}

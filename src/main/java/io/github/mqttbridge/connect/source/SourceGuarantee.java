package io.github.mqttbridge.connect.source;

/**
 * The delivery guarantee of a source task in words, from the QoS its messages come at and whether the broker keeps
 * its session. Said twice: on start for the configured QoS, and once every filter is subscribed for the lowest QoS
 * the broker granted, which is what the task actually gives.
 */
final class SourceGuarantee {
    private SourceGuarantee() {
    }

    static String of(int qos, boolean keepsSession, boolean exactlyOnce) {
        if (qos == 0) {
            return "at most once (QoS 0): messages in flight when a task, worker or broker fails are lost";
        }
        if (!keepsSession) {
            return "at least once while connected; with a session that ends with the connection (clean session, "
                    + "or an MQTT 5 session expiry of 0), messages published while the task is disconnected or not "
                    + "yet in Kafka when it stops are lost";
        }
        if (exactlyOnce && qos == 2) {
            return "exactly once: each message's record and the task's QoS 2 receipts commit in one Kafka "
                    + "transaction, and the broker gets PUBREC only after it; a message sent again after a failure is "
                    + "recognised by its packet id and not written twice";
        }
        return "at least once: each message is acknowledged to the broker only after Kafka has its record; "
                + "duplicates are possible after a failure";
    }
}

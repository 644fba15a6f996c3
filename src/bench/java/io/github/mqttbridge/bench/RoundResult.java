package io.github.mqttbridge.bench;

/**
 * One round: N messages, timed from the first publish call to the last publish completed and to the last message
 * received; {@code received} is below N only at QoS 0, where the broker may drop messages.
 */
record RoundResult(int messages, int received, int size, long publishNanos, long receiveNanos) {

    double publishRate() {
        return messages / (publishNanos / 1e9);
    }

    double receiveRate() {
        return received / (receiveNanos / 1e9);
    }

    int lost() {
        return messages - received;
    }
}

package io.github.mqttbridge.bench;

/** One round: N messages, timed from the first publish call to the last publish completed and the last received. */
record RoundResult(int messages, int size, long publishNanos, long receiveNanos) {

    double publishRate() {
        return messages / (publishNanos / 1e9);
    }

    double receiveRate() {
        return messages / (receiveNanos / 1e9);
    }
}

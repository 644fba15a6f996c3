package io.github.mqttbridge.bench;

/**
 * One round: N messages, timed from the first publish call to the last publish completed and to the last message
 * received; {@code received} is below N only at QoS 0, where the broker may drop messages. {@code steadyReceiveRate}
 * is the {@link Receiver#steadyRate()} of the round, or its whole-round rate when too few messages came to span a
 * window.
 */
record RoundResult(int messages, int received, int size, long publishNanos, long receiveNanos,
                   double steadyReceiveRate) {

    RoundResult(int messages, Receiver receiver, int size, long publishNanos, long receiveNanos) {
        this(messages, receiver.distinct(), size, publishNanos, receiveNanos, receiver.steadyRate());
    }

    RoundResult {
        if (Double.isNaN(steadyReceiveRate)) {
            steadyReceiveRate = received / (receiveNanos / 1e9);
        }
    }

    double publishRate() {
        return messages / (publishNanos / 1e9);
    }

    /** From the first publish to the last message received, start and drain included. */
    double receiveRate() {
        return received / (receiveNanos / 1e9);
    }

    int lost() {
        return messages - received;
    }
}

package io.github.mqttbridge.client.internal.engine;

/**
 * The threads that asked to hold back their publishes ({@code MqttClient.batchWrites()}): the writer is not woken
 * for what they send until their hold ends, so that a batch leaves in a few large writes instead of one per
 * message. Holds nest; each thread has its own.
 */
final class WriteHolds {
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    boolean heldByCurrentThread() {
        return depth.get()[0] > 0;
    }

    void hold() {
        depth.get()[0]++;
    }

    /** Ends one hold of the current thread; true when it was its last. */
    boolean release() {
        int[] d = depth.get();
        if (d[0] == 0) {
            throw new IllegalStateException("this thread holds no writes: a write batch ends on the thread that began it");
        }
        return --d[0] == 0;
    }
}

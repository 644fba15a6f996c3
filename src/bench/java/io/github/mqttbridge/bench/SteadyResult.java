package io.github.mqttbridge.bench;

import java.util.Map;

/**
 * One steady round's window: the records through the measured side in it, how long it lasted, what the worker
 * and our raw client (in a raw round) used in it, how the cores were shared, the messages lost at QoS 0 over the
 * whole round, where the worker's CPU went by kind of thread, and the smallest backlog the feed kept ahead of the measured side during the window.
 */
record SteadyResult(long records, long windowNanos, Usage worker, Usage client, CpuSplit split,
                    Map<String, ThreadProfile.Counters> workerThreads, long lost, long minBacklog) {

    double rate() {
        return records / (windowNanos / 1e9);
    }
}

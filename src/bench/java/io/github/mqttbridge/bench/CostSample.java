package io.github.mqttbridge.bench;

import java.util.List;

/**
 * The counters of one instant of a steady round: records through the measured side so far, and what each process
 * and thread that shares the machine had used by then. Two of them bound a window ({@link #since}).
 *
 * @param workerProfile the worker's threads as Linux counts them, for where its CPU went
 * @param clientThreads our raw client's threads in this JVM, or none in a connector round
 */
record CostSample(long nanoTime, long records, long workerCpuNanos, ThreadCosts workerThreads,
                  ThreadProfile workerProfile, long brokerCpuNanos, long benchmarkCpuNanos, long machineBusyNanos,
                  ThreadCosts clientThreads) {

    /**
     * Takes the sample after {@code records} were counted; {@code clientThreadPrefixes} names the raw client's
     * threads (empty in a connector round).
     */
    static CostSample take(ConnectorBench bench, long records, List<String> clientThreadPrefixes) throws Exception {
        long now = System.nanoTime();
        return new CostSample(now, records, bench.jvm.processCpuNanos(), bench.jvm.threadCosts(),
                bench.jvm.threadProfile(), ProcCpu.processCpuNanos(bench.broker.pid()), ProcCpu.processCpuNanos(ProcessHandle.current().pid()),
                ProcCpu.machineBusyNanos(), ThreadCosts.named(clientThreadPrefixes));
    }

    /** The window from {@code start} to this sample. */
    SteadyResult since(CostSample start, long lost, long minBacklog) {
        long nanos = nanoTime - start.nanoTime;
        long worker = workerCpuNanos - start.workerCpuNanos;
        long broker = brokerCpuNanos - start.brokerCpuNanos;
        long benchmark = benchmarkCpuNanos - start.benchmarkCpuNanos;
        long others = machineBusyNanos - start.machineBusyNanos - worker - broker - benchmark;
        double window = nanos;
        CpuSplit split = new CpuSplit(Runtime.getRuntime().availableProcessors(), worker / window, broker / window,
                benchmark / window, Math.max(0, others) / window);
        Usage workerUsage = new Usage(worker, workerThreads.since(start.workerThreads).allocatedBytes());
        return new SteadyResult(records - start.records, nanos, workerUsage,
                clientThreads.since(start.clientThreads), split, workerProfile.since(start.workerProfile), lost,
                minBacklog);
    }
}

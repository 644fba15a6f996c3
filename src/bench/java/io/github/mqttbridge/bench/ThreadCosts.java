package io.github.mqttbridge.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CPU time and allocated bytes of threads of a JVM at one instant, by thread id; the difference of two is what
 * those threads cost in between. A thread that ended in between is not counted, as its counters end with it: the
 * threads measured here (our client's, the worker's task, consumer and producer threads) live through a round.
 */
final class ThreadCosts {
    static final ThreadCosts NONE = new ThreadCosts(Map.of());

    /** Thread id to {cpu nanoseconds, allocated bytes}. */
    private final Map<Long, long[]> byThread;

    private ThreadCosts(Map<Long, long[]> byThread) {
        this.byThread = byThread;
    }

    /** The threads of this JVM whose names start with one of {@code namePrefixes}. */
    static ThreadCosts named(List<String> namePrefixes) {
        if (namePrefixes.isEmpty()) {
            return NONE;
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds(), 0))
                .filter(Objects::nonNull)
                .filter(t -> namePrefixes.stream().anyMatch(t.getThreadName()::startsWith))
                .mapToLong(ThreadInfo::getThreadId).toArray();
        return of(threads, ids);
    }

    /** Every thread of the JVM behind {@code threads}, which may be a proxy of another JVM's. */
    static ThreadCosts all(ThreadMXBean threads) {
        return of(threads, threads.getAllThreadIds());
    }

    private static ThreadCosts of(ThreadMXBean threads, long[] ids) {
        long[] cpu = threads.getThreadCpuTime(ids);
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        Map<Long, long[]> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            // -1: the thread ended between listing and reading it
            if (cpu[i] >= 0 && allocated[i] >= 0) {
                byThread.put(ids[i], new long[] {cpu[i], allocated[i]});
            }
        }
        return new ThreadCosts(byThread);
    }

    /** What the threads alive now cost since {@code start}; those started since count from zero. */
    Usage since(ThreadCosts start) {
        long cpu = 0;
        long allocated = 0;
        for (Map.Entry<Long, long[]> e : byThread.entrySet()) {
            long[] before = start.byThread.getOrDefault(e.getKey(), new long[2]);
            cpu += e.getValue()[0] - before[0];
            allocated += e.getValue()[1] - before[1];
        }
        return new Usage(cpu, allocated);
    }
}

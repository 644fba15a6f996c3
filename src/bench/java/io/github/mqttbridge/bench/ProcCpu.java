package io.github.mqttbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's /proc, for what the benchmark cannot ask over JMX: the broker process, this JVM as a whole
 * and the machine. Linux counts it in clock ticks ({@code getconf CLK_TCK}, 100 a second on common kernels), so a
 * figure is good to one tick per process over a window.
 */
final class ProcCpu {
    static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

    private ProcCpu() {
    }

    /** User and system CPU time the process {@code pid} has used so far, all its threads. */
    static long processCpuNanos(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // the command name in parentheses may hold spaces; the fields after it are fixed: utime and stime are
        // fields 14 and 15 of the line, 12 and 13 after the name
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** CPU time every core of the machine has spent busy so far (all but idle and iowait), summed. */
    static long machineBusyNanos() {
        String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split(" +");
        long busy = 0;
        // cpu user nice system idle iowait irq softirq steal (guest time is already in user and nice)
        for (int field = 1; field <= 8; field++) {
            if (field != 4 && field != 5) {
                busy += Long.parseLong(cpu[field]);
            }
        }
        return busy * NANOS_PER_TICK;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() != 0) {
                throw new IllegalStateException("getconf CLK_TCK failed: " + out);
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading CLK_TCK", e);
        }
    }
}

package io.github.mqttbridge.bench;

/** CPU time and bytes allocated by a process or some of its threads over a window. */
record Usage(long cpuNanos, long allocatedBytes) {

    double cpuMicrosPer(long records) {
        return cpuNanos / 1e3 / records;
    }

    double bytesPer(long records) {
        return (double) allocatedBytes / records;
    }
}

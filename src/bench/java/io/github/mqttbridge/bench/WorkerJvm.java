package io.github.mqttbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * The Connect worker's JVM seen from the benchmark through JMX: its heap, its resident memory, our task MBeans
 * and JFR. Measuring the worker in a JVM of its own keeps the publisher, Kafka and the benchmark's own garbage out
 * of its memory figures.
 */
final class WorkerJvm implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final MemoryMXBean memory;
    private final com.sun.management.ThreadMXBean threads;
    private final long pid;

    private WorkerJvm(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
        this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        this.threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME,
                com.sun.management.ThreadMXBean.class);
        this.pid = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME,
                RuntimeMXBean.class).getPid();
    }

    /** The JVM options that open the worker's JMX on {@code port} of 127.0.0.1, without authentication. */
    static List<String> jmxOptions(int port) {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    static WorkerJvm connect(int port) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        return new WorkerJvm(JMXConnectorFactory.connect(url));
    }

    /** The heap in use now: live data plus garbage not yet collected, unless a collection just ran. */
    long heapUsed() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** A full collection, so that a baseline is the live data and not what garbage happened to be lying around. */
    void collectGarbage() {
        memory.gc();
    }

    /**
     * The live objects by class, largest first, as {@code jcmd GC.class_histogram} prints them (it collects
     * garbage first): the lines of the {@code top} classes, each "rank: instances bytes class".
     */
    List<String> classHistogram(int top) throws Exception {
        String text = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return text.lines().map(String::trim).filter(l -> l.matches("\\d+:.*")).limit(top).toList();
    }

    /** Where each of the worker's threads has spent CPU so far, from /proc, named by a thread dump. */
    ThreadProfile threadProfile() throws Exception {
        String dump = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "threadPrint", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return ThreadProfile.of(pid, dump);
    }

    /** Resident set size of the process from /proc: heap, metaspace, threads, code and native buffers. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** A numeric attribute of an MBean in the worker, e.g. a task's RecordsCommitted; 0 while it is not there. */
    long longAttribute(ObjectName name, String attribute) throws Exception {
        return server.isRegistered(name) ? ((Number) server.getAttribute(name, attribute)).longValue() : 0;
    }

    /** CPU time the worker's process has used so far, all its threads and the JVM's own (GC, JIT) included. */
    long processCpuNanos() throws Exception {
        return longAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
    }

    /** CPU time and allocated bytes of each of the worker's live threads so far. */
    ThreadCosts threadCosts() {
        return ThreadCosts.all(threads);
    }

    boolean booleanAttribute(ObjectName name, String attribute) throws Exception {
        return server.isRegistered(name) && Boolean.TRUE.equals(server.getAttribute(name, attribute));
    }

    /** JFR settings that sample the stacks of threads running Java code every millisecond. */
    static final Map<String, String> CPU_SAMPLES = Map.of("jdk.ExecutionSample#enabled", "true",
            "jdk.ExecutionSample#period", "1 ms");
    /** JFR settings that sample allocations (about 300 a second, weighted towards large ones). */
    static final Map<String, String> ALLOCATION_SAMPLES = Map.of("jdk.ObjectAllocationSample#enabled", "true",
            "jdk.ObjectAllocationSample#throttle", "300/s");

    /**
     * Runs {@code task} while JFR records the worker with {@code settings}, and summarises the {@code eventType}
     * samples with the frames of our connectors and client ({@code io.github.mqttbridge}).
     */
    Profile profile(Map<String, String> settings, String eventType, String intro, Profile.Task task)
            throws Exception {
        FlightRecorderMXBean jfr = JMX.newMXBeanProxy(server,
                new ObjectName("jdk.management.jfr:type=FlightRecorder"), FlightRecorderMXBean.class);
        Path file = Files.createTempFile("mqttbridge-worker", ".jfr");
        long id = jfr.newRecording();
        try {
            jfr.setRecordingSettings(id, settings);
            jfr.startRecording(id);
            task.run();
            jfr.stopRecording(id);
            // the worker runs on this machine, so it can write the file where this JVM reads it
            jfr.copyTo(id, file.toAbsolutePath().toString());
            return Profile.read(file, eventType, "io.github.mqttbridge.", intro);
        } finally {
            jfr.closeRecording(id);
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}

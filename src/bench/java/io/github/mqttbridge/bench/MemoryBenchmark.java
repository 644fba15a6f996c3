package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterClientQuotasOptions;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * The source worker's memory while messages arrive much faster than Kafka accepts them: the producer of the
 * connector's task gets a byte-rate quota, the publisher does not wait for Kafka, and the worker JVM's live heap
 * and resident memory are sampled until every message is in Kafka. Bounded queues in the task and the MQTT client
 * should leave the backlog with the broker and keep the worker's memory flat.
 */
public final class MemoryBenchmark implements BenchSection {
    static final long HEAP_TARGET_BYTES = 64L << 20;
    /** Bytes a second Kafka takes from the task's producer: far below what the publisher offers. */
    private static final long PRODUCER_BYTE_RATE = 1_500_000;
    private static final int QOS = 1;
    private static final int MQTT_TOPICS = 8;
    private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);
    private static final int HISTOGRAM_CLASSES = 15;

    /** One sample: seconds since the burst began, the heap before and after a full collection, RSS, counts. */
    record Sample(double seconds, long heapUsed, long liveHeap, long rss, long published, long inKafka) {
    }

    /** The samples of one burst and the figures before it. */
    record Burst(int messages, long baselineHeap, long baselineRss, List<Sample> samples, double publishSeconds,
                 double kafkaSeconds, List<String> histogramAtPeak) {

        long peakLive() {
            return samples.stream().mapToLong(Sample::liveHeap).max().orElse(baselineHeap);
        }

        long peakUsed() {
            return samples.stream().mapToLong(Sample::heapUsed).max().orElse(baselineHeap);
        }

        long peakRss() {
            return samples.stream().mapToLong(Sample::rss).max().orElse(baselineRss);
        }
    }

    @Override
    public String id() {
        return "memory";
    }

    static int messages(SuiteOptions.Size size) {
        return switch (size) {
            case QUICK -> 50_000;
            case STANDARD -> 200_000;
            case LARGE -> 1_000_000;
        };
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        int messages = messages(options.size());
        options.out().printf(Locale.ROOT, "memory: %,d messages at QoS %d into a source task whose producer may send "
                + "%,d bytes/s%n", messages, QOS, PRODUCER_BYTE_RATE);
        Burst burst = burst(bench, options, messages);
        TargetTable targets = new TargetTable();
        boolean met = targets.below("Live heap growth during the burst (MiB)", mib(burst.peakLive() - burst.baselineHeap()),
                mib(HEAP_TARGET_BYTES), "%.1f").met();
        StringBuilder md = new StringBuilder("## Memory of the source worker under a burst\n\n");
        md.append(method(messages));
        md.append(bench.loadNote(loadBefore, startNanos));
        md.append(table(burst));
        md.append(charts(options, burst));
        md.append("### Target\n\n").append(targets.markdown()).append('\n');
        md.append(histogram(burst));
        if (!met) {
            md.append(profile(bench, messages / 4));
        }
        return md.toString();
    }

    private Burst burst(ConnectorBench bench, SuiteOptions options, int messages) throws Exception {
        String name = startThrottled(bench);
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            bench.jvm.collectGarbage();
            long baselineHeap = bench.jvm.heapUsed();
            long baselineRss = bench.jvm.rssBytes();
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            CompletableFuture<Double> published = CompletableFuture.supplyAsync(() -> {
                try {
                    load.publish(i -> "bk/" + name + "/" + (i % MQTT_TOPICS), 0, messages, QOS);
                    return (System.nanoTime() - start) / 1e9;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long inKafka = 0;
            long peakLive = 0;
            List<String> histogram = List.of();
            long deadline = start + TimeUnit.MINUTES.toNanos(20);
            while (inKafka < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + inKafka + " of " + messages + " in Kafka");
                }
                TimeUnit.NANOSECONDS.sleep(SAMPLE_PERIOD.toNanos());
                inKafka = bench.sourceCommitted(name, 1);
                long used = bench.jvm.heapUsed();
                bench.jvm.collectGarbage();
                Sample s = new Sample((System.nanoTime() - start) / 1e9, used, bench.jvm.heapUsed(),
                        bench.jvm.rssBytes(), load.completed(), inKafka);
                samples.add(s);
                if (s.liveHeap() > peakLive) {
                    peakLive = s.liveHeap();
                    histogram = bench.jvm.classHistogram(HISTOGRAM_CLASSES);
                }
                options.out().printf(Locale.ROOT, "  %5.1f s  published %,9d  in Kafka %,9d  heap %6.1f MiB, live "
                        + "%6.1f MiB, RSS %6.1f MiB%n", s.seconds(), s.published(), s.inKafka(), mib(s.heapUsed()),
                        mib(s.liveHeap()), mib(s.rss()));
            }
            double kafkaSeconds = (System.nanoTime() - start) / 1e9;
            return new Burst(messages, baselineHeap, baselineRss, samples, published.get(1, TimeUnit.MINUTES),
                    kafkaSeconds, histogram);
        } finally {
            bench.rest().deleteConnector(name);
        }
    }

    /** A source connector with one task whose producer Kafka throttles; returns its name. */
    private static String startThrottled(ConnectorBench bench) throws Exception {
        String name = "bk-mem-" + ConnectorBench.uniqueId();
        bench.createTopic(name, 3);
        throttle(bench, name);
        bench.startSource(name, bench.sourceConfig("bk/" + name + "/+", QOS, 1, name));
        return name;
    }

    /** A producer byte-rate quota for the client id Connect gives task 0's producer. */
    private static void throttle(ConnectorBench bench, String connector) throws Exception {
        var entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, "connector-producer-" + connector + "-0"));
        bench.kafkaClient().admin().alterClientQuotas(List.of(new ClientQuotaAlteration(entity,
                List.of(new ClientQuotaAlteration.Op("producer_byte_rate", (double) PRODUCER_BYTE_RATE)))),
                new AlterClientQuotasOptions()).all().get(1, TimeUnit.MINUTES);
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024);
    }

    private static String method(int messages) {
        return ConnectorBench.SETUP + " The worker is measured in its own JVM, so that the publisher's, Kafka's and "
                + "the benchmark's memory do not mix with it: heap through the worker's JMX, resident memory (RSS) "
                + "from `/proc/<pid>/status` (VmRSS). "
                + String.format(Locale.ROOT, "%,d messages of %d bytes are published at QoS %d as fast as Mosquitto "
                        + "takes them to the topics of one source task, whose Kafka producer has a quota of %,d "
                        + "bytes a second (`producer_byte_rate` for its client id, set with "
                        + "`Admin.alterClientQuotas`), so they arrive far faster than Kafka accepts them. ",
                messages, MqttLoad.SIZE, QOS, PRODUCER_BYTE_RATE)
                + "The baseline is taken after a full collection with the connector running and subscribed. "
                + "Every " + SAMPLE_PERIOD.toSeconds() + " s until Kafka has every record, the heap in use is read "
                + "(live data plus garbage not yet collected), then a full collection is forced and the heap read "
                + "again: that second figure, the live heap, is what must stay within "
                + (int) mib(HEAP_TARGET_BYTES) + " MiB of the baseline. One burst (" + sizes() + "); repeating it "
                + "does not fit in the time budget.\n\n";
    }

    private static String sizes() {
        return String.format(Locale.ROOT, "%,d messages at quick size, %,d at standard, %,d at large",
                messages(SuiteOptions.Size.QUICK), messages(SuiteOptions.Size.STANDARD),
                messages(SuiteOptions.Size.LARGE));
    }

    private static String table(Burst b) {
        return String.format(Locale.ROOT, "Published in %.1f s (%,.0f msg/s); all in Kafka after %.1f s (%,.0f "
                        + "records/s).%n%n| | Baseline MiB | Peak MiB | Difference MiB |%n|---|---:|---:|---:|%n"
                        + "| Live heap (after a full GC) | %.1f | %.1f | %.1f |%n"
                        + "| Heap in use (with garbage) | %.1f | %.1f | %.1f |%n"
                        + "| RSS | %.1f | %.1f | %.1f |%n%n",
                b.publishSeconds(), b.messages() / b.publishSeconds(), b.kafkaSeconds(),
                b.messages() / b.kafkaSeconds(),
                mib(b.baselineHeap()), mib(b.peakLive()), mib(b.peakLive() - b.baselineHeap()),
                mib(b.baselineHeap()), mib(b.peakUsed()), mib(b.peakUsed() - b.baselineHeap()),
                mib(b.baselineRss()), mib(b.peakRss()), mib(b.peakRss() - b.baselineRss()));
    }

    /** What the live heap held when it was largest, from the worker's {@code GC.class_histogram}. */
    private static String histogram(Burst b) {
        StringBuilder sb = new StringBuilder("### What the worker's heap held at its peak\n\nThe largest classes of "
                + "live objects (`GC.class_histogram` through the worker's DiagnosticCommand MBean, taken at the "
                + "sample with the largest live heap):\n\n| Instances | MiB | Class |\n|---:|---:|---|\n");
        for (String line : b.histogramAtPeak()) {
            String[] f = line.split("\\s+");
            sb.append(String.format(Locale.ROOT, "| %,d | %.1f | `%s` |%n", Long.parseLong(f[1]),
                    mib(Long.parseLong(f[2])), f[3]));
        }
        return sb.append('\n').toString();
    }

    private String charts(SuiteOptions options, Burst b) throws Exception {
        Map<String, List<double[]>> memory = new LinkedHashMap<>();
        memory.put("live heap (after full GC)", b.samples().stream()
                .map(s -> new double[] {s.seconds(), mib(s.liveHeap())}).toList());
        memory.put("heap in use", b.samples().stream().map(s -> new double[] {s.seconds(), mib(s.heapUsed())}).toList());
        memory.put("RSS", b.samples().stream().map(s -> new double[] {s.seconds(), mib(s.rss())}).toList());
        Path heap = Charts.lines(options.chartDir().resolve(id() + "-heap.png"),
                "Source worker memory during a burst of " + String.format(Locale.ROOT, "%,d", b.messages())
                        + " messages", "seconds", "MiB", false, memory);
        Map<String, List<double[]>> progress = new LinkedHashMap<>();
        progress.put("published to MQTT", b.samples().stream()
                .map(s -> new double[] {s.seconds(), s.published()}).toList());
        progress.put("in Kafka", b.samples().stream().map(s -> new double[] {s.seconds(), s.inKafka()}).toList());
        Path counts = Charts.lines(options.chartDir().resolve(id() + "-progress.png"),
                "Messages published and in Kafka during the burst", "seconds", "messages", false, progress);
        return options.chartLink("Worker heap and RSS over time", heap) + "\n\n"
                + options.chartLink("Messages published and in Kafka over time", counts) + "\n\n";
    }

    private static final String PROFILE_INTRO = " allocation samples of the Connect worker's JVM (JFR's "
            + "jdk.ObjectAllocationSample, about 300 a second, weighted towards large allocations).\n\nThreads "
            + "that allocated:\n\n";

    private String profile(ConnectorBench bench, int messages) throws Exception {
        String name = startThrottled(bench);
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            Profile profile = bench.jvm.profile(WorkerJvm.ALLOCATION_SAMPLES, "jdk.ObjectAllocationSample",
                    PROFILE_INTRO, () -> {
                        load.publish(i -> "bk/" + name + "/" + (i % MQTT_TOPICS), 0, messages, QOS);
                        ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), messages,
                                Duration.ofMinutes(5), new long[1]);
                    });
            return "### Where the worker allocates during a burst (target missed)\n\nOne extra burst of "
                    + String.format(Locale.ROOT, "%,d", messages) + " messages, recorded with JFR.\n\n"
                    + profile.markdown() + "\n";
        } finally {
            bench.rest().deleteConnector(name);
        }
    }
}

package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The source connector, MQTT to Kafka: sustained throughput at each QoS with one task and with two tasks sharing a
 * subscription, against our raw client's receive rate with the same publisher in the same run, end-to-end
 * latency at a fixed offered load ({@link SourceLatency}), the payload formats ({@link SourcePayloadFormats}) and what exactly once costs
 * ({@link SourceExactlyOnce}).
 */
public final class SourceBenchmark implements BenchSection {
    static final String PROFILE_INTRO = " CPU samples of the Connect worker's JVM (every millisecond per thread "
            + "running Java code; threads blocked in socket calls or waiting are not sampled).\n\nThreads "
            + "(`task-thread-*` runs poll() and hands records to the producer, `kafka-producer-network-thread` "
            + "sends them, `mqtt-<client id>-*` are our MQTT client's):\n\n";

    @Override
    public String id() {
        return "source";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        ConnectorBench bench = ConnectorBench.shared();
        long startNanos = System.nanoTime();
        double loadBefore = ConnectorBench.loadAverage();
        SourceThroughput throughput = new SourceThroughput();
        throughput.run(bench, options);
        SourceLatency latency = new SourceLatency();
        latency.run(bench, options);
        String formats = new SourcePayloadFormats().run(bench, options);
        String exactlyOnce = new SourceExactlyOnce().run(bench, options);

        TargetTable targets = new TargetTable();
        throughput.addTargets(targets);
        latency.addTargets(targets);

        StringBuilder md = new StringBuilder("## Source connector (MQTT to Kafka)\n\n");
        md.append(throughput.markdown(options, id()));
        md.append(bench.loadNote(loadBefore, startNanos));
        md.append(latency.markdown(options, id()));
        md.append(formats);
        md.append(exactlyOnce);
        md.append("### Targets\n\n").append(targets.markdown()).append('\n');
        md.append(throughput.profiles());
        return md.append(latency.profile()).toString();
    }

    /** Issue #17's aim for a connector's rate over our raw client's, source and sink alike, at {@code qos}. */
    static double ratioAim(int qos) {
        return qos == 0 ? 0.6 : 0.8;
    }

    /** The nearest-rank percentile; the slack keeps 99.9 % of 1,000 at rank 999 despite binary fractions. */
    static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length / 100 - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(List<Double> values) {
        return Spread.of(values).median();
    }

    static String rate(List<Double> values) {
        Spread s = Spread.of(values);
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.median(), s.min(), s.max());
    }

    /** The ratio of each repetition: the connector's rate over the raw client's measured next to it. */
    static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return ratios;
    }

    static String ratio(List<Double> numerators, List<Double> denominators) {
        Spread s = Spread.of(ratios(numerators, denominators));
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", s.median(), s.min(), s.max());
    }
}

package io.github.mqttbridge.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Where the worker's CPU goes, without the report: two steady rounds of the source or the sink (one task) at one
 * QoS, each printed with its rate and its per-thread table. {@code CpuProbe source|sink qos windowSeconds}.
 */
final class CpuProbe {
    private CpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String side = args[0];
        int qos = Integer.parseInt(args[1]);
        Duration window = Duration.ofSeconds(Long.parseLong(args[2]));
        PrintStream out = System.out;
        SuiteOptions options = new SuiteOptions(SuiteOptions.Size.STANDARD, 1, Path.of("target"), Path.of("target"),
                out);
        ConnectorBench bench = ConnectorBench.shared();
        try {
            SteadyRound round = SteadyRound.of(bench, options, window);
            for (int rep = 0; rep < 2; rep++) {
                SteadyResult result;
                if (side.equals("source")) {
                    String name = SourceThroughput.startConnector(bench, qos, 1);
                    try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
                        result = round.run(new MqttFeed(load, i -> "bk/" + name + "/" + (i % 8), qos),
                                () -> bench.sourceCommitted(name, 1), qos, List.of());
                    }
                } else {
                    String name = SinkBenchmark.startConnector(bench, qos, 4, 1);
                    try (KafkaProducer<byte[], byte[]> producer = SinkBenchmark.feedProducer(bench)) {
                        result = round.run(new KafkaFeed(producer, name, 4), () -> bench.sinkAcknowledged(name, 1),
                                qos, List.of());
                    }
                }
                out.printf("%s QoS %d rep %d: %.0f rec/s, worker %.1f µs/rec%n", side, qos, rep, result.rate(),
                        result.worker().cpuMicrosPer(result.records()));
                out.println(ThreadProfile.markdown(result.workerThreads(), result.records(), 0.01));
            }
        } finally {
            ConnectorBench.closeShared();
        }
    }
}

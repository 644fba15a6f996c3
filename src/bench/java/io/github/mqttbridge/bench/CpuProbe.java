package io.github.mqttbridge.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Where the worker's CPU goes, without the report: two steady rounds of the source or the sink (one task) at one
 * QoS, each printed with its rate and its per-thread table; with {@code jfr}, the second round is also recorded
 * with JFR's execution samples and their hottest frames printed. {@code CpuProbe source|sink qos windowSeconds [jfr]}.
 */
final class CpuProbe {
    private CpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String side = args[0];
        int qos = Integer.parseInt(args[1]);
        Duration window = Duration.ofSeconds(Long.parseLong(args[2]));
        boolean jfr = args.length > 3 && args[3].equals("jfr");
        PrintStream out = System.out;
        SuiteOptions options = new SuiteOptions(SuiteOptions.Size.STANDARD, 1, Path.of("target"), Path.of("target"),
                out);
        ConnectorBench bench = ConnectorBench.shared();
        try {
            SteadyRound round = SteadyRound.of(bench, options, window);
            String name = side.equals("source") ? SourceThroughput.startConnector(bench, qos, 1)
                    : SinkBenchmark.startConnector(bench, qos, 4, 1);
            for (int rep = 0; rep < 2; rep++) {
                SteadyResult[] result = new SteadyResult[1];
                Profile.Task task = () -> result[0] = round(bench, round, side, name, qos);
                if (jfr && rep == 1) {
                    out.println(bench.jvm.profile(WorkerJvm.CPU_SAMPLES, "jdk.ExecutionSample",
                            SourceBenchmark.PROFILE_INTRO, task).markdown());
                } else {
                    task.run();
                }
                out.printf("%s QoS %d rep %d: %.0f rec/s, worker %.1f µs/rec%n", side, qos, rep, result[0].rate(),
                        result[0].worker().cpuMicrosPer(result[0].records()));
                out.println(ThreadProfile.markdown(result[0].workerThreads(), result[0].records(), 0.01));
            }
        } finally {
            ConnectorBench.closeShared();
        }
    }

    private static SteadyResult round(ConnectorBench bench, SteadyRound round, String side, String name, int qos)
            throws Exception {
        if (side.equals("source")) {
            try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
                return SourceThroughput.connectorRound(round, bench, load, name, 1, qos);
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = SinkBenchmark.feedProducer(bench)) {
            return SinkBenchmark.connectorRound(round, bench, producer, name, 4, 1, qos);
        }
    }
}

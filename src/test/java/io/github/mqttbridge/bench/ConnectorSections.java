package io.github.mqttbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs connector sections on their own, until the suite runner lists them: each chapter goes to
 * {@code target/bench/<id>.md}, its charts to {@code target/bench/charts}.
 *
 * <pre>
 * mvn -q -Pbench test-compile exec:exec -Dbench.main=io.github.mqttbridge.bench.ConnectorSections \
 *     -Dbench.args="source sink memory scale --size=standard --reps=3"
 * </pre>
 */
public final class ConnectorSections {
    private static final List<BenchSection> ALL = List.of(new SourceBenchmark(), new SinkBenchmark(),
            new MemoryBenchmark(), new ScaleBenchmark());

    private ConnectorSections() {
    }

    public static void main(String[] args) throws Exception {
        SuiteOptions.Size size = SuiteOptions.Size.STANDARD;
        int reps = 3;
        List<BenchSection> selected = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--size=")) {
                size = SuiteOptions.Size.valueOf(arg.substring(7).toUpperCase(Locale.ROOT));
            } else if (arg.startsWith("--reps=")) {
                reps = Integer.parseInt(arg.substring(7));
            } else {
                selected.add(ALL.stream().filter(s -> s.id().equals(arg)).findFirst().orElseThrow(
                        () -> new IllegalArgumentException("unknown section '" + arg + "'; expected one of "
                                + ALL.stream().map(BenchSection::id).toList())));
            }
        }
        Path dir = Path.of("target", "bench");
        SuiteOptions options = new SuiteOptions(size, reps, dir.resolve("charts"), dir, System.out);
        Files.createDirectories(options.chartDir());
        try {
            for (BenchSection section : selected.isEmpty() ? ALL : selected) {
                long start = System.nanoTime();
                String markdown = section.run(options);
                Path file = dir.resolve(section.id() + ".md");
                Files.writeString(file, markdown);
                System.out.printf(Locale.ROOT, "%s: %.0f s, wrote %s%n", section.id(),
                        (System.nanoTime() - start) / 1e9, file.toAbsolutePath());
            }
        } finally {
            ConnectorBench.closeShared();
        }
        // Kafka's client and broker threads that are not daemons would keep the JVM alive
        System.exit(0);
    }
}

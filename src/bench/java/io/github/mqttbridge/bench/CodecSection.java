package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The codec chapter: {@link CodecBenchmarks} run through JMH's Runner API in one forked JVM, with the GC
 * profiler for the bytes allocated per operation. The measurement iterations are the repetitions whose median
 * and range the table gives.
 */
final class CodecSection implements BenchSection {
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    @Override
    public String id() {
        return "codec";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        int iterations = Math.max(3, options.reps());
        TimeValue iterationTime = switch (options.size()) {
            case QUICK -> TimeValue.milliseconds(200);
            case STANDARD -> TimeValue.milliseconds(700);
            case LARGE -> TimeValue.seconds(2);
        };
        Options jmh = new OptionsBuilder()
                .include(CodecBenchmarks.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(2).warmupTime(iterationTime)
                .measurementIterations(iterations).measurementTime(iterationTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xms256m", "-Xmx256m")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        options.out().printf(Locale.ROOT, "codec: JMH, 1 fork, 2 warm-up and %d measured iterations of %s each%n",
                iterations, iterationTime);
        List<Row> rows = new ArrayList<>();
        for (RunResult result : sorted(new Runner(jmh).run())) {
            Row row = Row.of(result);
            rows.add(row);
            options.out().println("  " + row.markdown());
        }
        return markdown(rows, iterations, iterationTime);
    }

    /** JMH returns its results in no fixed order; the table lists PUBLISH first, then the acks, encode first. */
    private static List<RunResult> sorted(Collection<RunResult> results) {
        List<RunResult> list = new ArrayList<>(results);
        list.sort((a, b) -> Row.orderKey(a).compareTo(Row.orderKey(b)));
        return list;
    }

    private static String markdown(List<Row> rows, int iterations, TimeValue iterationTime) {
        StringBuilder md = new StringBuilder("## Codec\n\n")
                .append("Encode and decode of one packet by `io.github.mqttbridge.client.codec`, measured with JMH ")
                .append(org.openjdk.jmh.util.Version.getPlainVersion())
                .append(" (`CodecBenchmarks`, average time, one forked JVM with a 256 MiB heap, two warm-up and ")
                .append(iterations).append(" measured iterations of ").append(iterationTime)
                .append("). Encoding writes into a reused buffer after computing the size, and decoding reads from ")
                .append("a buffer holding the whole packet, as the client's connection does. PUBLISH is QoS 1 on a ")
                .append(CodecBenchmarks.TOPIC.length()).append("-character topic. Time is nanoseconds per ")
                .append("operation and allocation is bytes per operation (JMH's GC profiler, `").append(ALLOCATION)
                .append("`), each the median (min–max) of the measured iterations.\n\n")
                .append("| Operation | Packet | ns/op | min–max | Bytes allocated/op | min–max |\n")
                .append("|---|---|---:|---:|---:|---:|\n");
        rows.forEach(row -> md.append(row.markdown()).append('\n'));
        return md.toString();
    }

    private record Row(String operation, String packet, Spread nanos, Spread bytes) {

        static Row of(RunResult result) {
            String method = method(result);
            String packet = method.endsWith("Publish")
                    ? "PUBLISH, " + ClientReport.bytes(Integer.parseInt(result.getParams().getParam("payloadBytes")))
                            + " payload"
                    : result.getParams().getParam("type");
            List<Double> nanos = new ArrayList<>();
            List<Double> bytes = new ArrayList<>();
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    nanos.add(iteration.getPrimaryResult().getScore());
                    bytes.add(allocation(iteration.getSecondaryResults()));
                }
            }
            return new Row(method.startsWith("encode") ? "encode" : "decode", packet, Spread.of(nanos),
                    Spread.of(bytes));
        }

        private static String method(RunResult result) {
            String benchmark = result.getParams().getBenchmark();
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        static String orderKey(RunResult result) {
            String method = method(result);
            String param = method.endsWith("Publish")
                    ? String.format(Locale.ROOT, "%08d", Integer.parseInt(result.getParams().getParam("payloadBytes")))
                    : Integer.toString(List.of("PUBACK", "PUBREC", "PUBREL", "PUBCOMP")
                            .indexOf(result.getParams().getParam("type")));
            return (method.endsWith("Publish") ? "0" : "1") + param + (method.startsWith("encode") ? "0" : "1");
        }

        /** The profiler's key has carried a leading "·" in some JMH versions, so match on the suffix. */
        private static double allocation(Map<String, Result> secondary) {
            return secondary.entrySet().stream().filter(e -> e.getKey().endsWith(ALLOCATION)).findFirst()
                    .map(e -> e.getValue().getScore())
                    .orElseThrow(() -> new IllegalStateException("JMH reported no " + ALLOCATION + ": "
                            + secondary.keySet()));
        }

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %,.1f | %,.1f–%,.1f | %,.0f | %,.0f–%,.0f |", operation,
                    packet, nanos.median(), nanos.min(), nanos.max(), bytes.median(), bytes.min(), bytes.max());
        }
    }
}

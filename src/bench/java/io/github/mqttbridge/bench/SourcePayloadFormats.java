package io.github.mqttbridge.bench;

import io.github.mqttbridge.connect.source.sparkplug.TahuEdgeNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * The source's payload formats against each other in one run: raw bytes, JSON with an inferred schema and
 * Sparkplug B, each through one task at QoS 1, as records a second and as the worker's CPU time per record. The
 * typed formats are written by JsonConverter with schemas, as a schema-aware consumer needs them, so their cost
 * includes the converter's: what a user pays for typed records.
 */
final class SourcePayloadFormats {
    private static final int QOS = 1;
    private static final int PARTITIONS = 3;
    /** MQTT topics per round; for Sparkplug, edge nodes, each with its own BIRTH. */
    private static final int TOPICS = 8;

    /** A payload format and the traffic that fits it. */
    private enum Format {
        BYTES("`bytes`", ByteArrayConverter.class, Map.of()) {
            @Override
            byte[] payload(int i) {
                return MqttLoad.payload(i);
            }
        },
        JSON_INFER("`json` + `infer`", JsonConverter.class, Map.of("mqtt.payload.format", "json",
                "mqtt.payload.schema", "infer")) {
            @Override
            byte[] payload(int i) {
                return ("{\"seq\":" + i + ",\"temp\":21.5,\"running\":true,\"site\":\"line-1\",\"at\":"
                        + (TahuEdgeNode.BIRTH_TIMESTAMP + i) + "}").getBytes(StandardCharsets.UTF_8);
            }
        },
        SPARKPLUG_B("`sparkplug-b`", JsonConverter.class, Map.of("mqtt.payload.format", "sparkplug-b")) {
            @Override
            String filter(String name) {
                return "spBv1.0/" + name + "/#";
            }

            @Override
            String topic(String name, int i) {
                return "spBv1.0/" + name + "/NDATA/edge-" + (i % TOPICS);
            }

            @Override
            byte[] payload(int i) throws Exception {
                return TahuEdgeNode.ndata((i / TOPICS) % 256, 20 + (i % 100) / 10.0);
            }

            /** Each edge node's NBIRTH, which declares the alias its NDATA messages use. */
            @Override
            int births(MqttLoad load, String name) throws Exception {
                byte[] birth = TahuEdgeNode.nbirth();
                load.publish(i -> "spBv1.0/" + name + "/NBIRTH/edge-" + i, i -> birth, 0, TOPICS, QOS);
                return TOPICS;
            }
        };

        final String label;
        final Class<?> converter;
        final Map<String, String> config;

        Format(String label, Class<?> converter, Map<String, String> config) {
            this.label = label;
            this.converter = converter;
            this.config = config;
        }

        String filter(String name) {
            return "bk/" + name + "/+";
        }

        String topic(String name, int i) {
            return "bk/" + name + "/" + (i % TOPICS);
        }

        abstract byte[] payload(int i) throws Exception;

        /** Publishes what must precede the measured messages and returns how many records it makes. */
        int births(MqttLoad load, String name) throws Exception {
            return 0;
        }
    }

    /** Each repetition's records a second, worker CPU microseconds and allocated bytes per record, of one format. */
    private record Rounds(List<Double> rates, List<Double> cpuMicros, List<Double> allocatedBytes, int payloadBytes) {
    }

    private final Map<Format, Rounds> results = new EnumMap<>(Format.class);
    private int messages;

    /** Runs the rounds, interleaved so that a change in the machine's load hits every format alike. */
    String run(ConnectorBench bench, SuiteOptions options) throws Exception {
        messages = options.scaled(10_000);
        Map<Format, String> connectors = new EnumMap<>(Format.class);
        try (MqttLoad load = new MqttLoad(bench.broker.tcpUri())) {
            for (Format format : Format.values()) {
                String name = "bk-fmt-" + ConnectorBench.uniqueId();
                bench.createTopic(name, PARTITIONS);
                Map<String, String> config = new HashMap<>(bench.sourceConfig(format.filter(name), QOS, 1, name));
                config.putAll(format.config);
                config.put("value.converter", format.converter.getName());
                bench.startSource(name, config);
                connectors.put(format, name);
                int births = format.births(load, name);
                ConnectorBench.awaitCount(() -> bench.sourceCommitted(name, 1), births, Duration.ofMinutes(5),
                        new long[1]);
                results.put(format, new Rounds(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        format.payload(0).length));
            }
            for (Format format : Format.values()) {
                round(bench, load, format, connectors.get(format), Math.min(messages, 2_000));
            }
            for (int rep = 0; rep < options.reps(); rep++) {
                for (Format format : Format.values()) {
                    double[] r = round(bench, load, format, connectors.get(format), messages);
                    results.get(format).rates().add(r[0]);
                    results.get(format).cpuMicros().add(r[1]);
                    results.get(format).allocatedBytes().add(r[2]);
                }
            }
        } finally {
            for (String name : connectors.values()) {
                bench.rest().deleteConnector(name);
            }
        }
        results.forEach((format, r) -> options.out().printf(Locale.ROOT, "source %s: %,.0f rec/s, %.1f us CPU/record%n",
                format.label, SourceBenchmark.median(r.rates()), SourceBenchmark.median(r.cpuMicros())));
        return markdown(options);
    }

    /**
     * Publishes {@code count} messages, prepared beforehand so that encoding them costs the publisher nothing in
     * the timed part, and returns records a second and the worker's CPU microseconds per record.
     */
    private static double[] round(ConnectorBench bench, MqttLoad load, Format format, String name, int count)
            throws Exception {
        byte[][] payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            payloads[i] = format.payload(i);
        }
        try {
            return bench.worker.sourceRound(name, load, i -> format.topic(name, i), i -> payloads[i], count, QOS);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(format.label + ": " + e.getMessage(), e);
        }
    }

    private String markdown(SuiteOptions options) {
        StringBuilder md = new StringBuilder("### Payload formats\n\n");
        md.append(String.format(Locale.ROOT, "The same machine, broker, Kafka and worker: one source connector per "
                + "format with one task at QoS %d, %,d messages a round over %d MQTT topics (for Sparkplug B, the "
                + "NDATA of %d edge nodes, whose NBIRTHs the task saw first), all prepared before the round so that "
                + "the publisher only sends them. `bytes` writes the payload unchanged with the "
                + "`ByteArrayConverter`; `json` + `infer` (a flat object of 5 properties) and `sparkplug-b` (one "
                + "Double metric by alias, Eclipse Tahu's encoding) write Structs with `JsonConverter` and "
                + "`schemas.enable=true`, so their cost includes the converter's. A warm-up round each, then %d "
                + "repetition(s), each running the three formats in turn. Records a second from the first publish "
                + "until Kafka confirmed the last record to the task; worker CPU is the growth of the worker "
                + "process's CPU time (`ProcessCpuTime`: every thread, GC and JIT included) over the round, divided "
                + "by its records. Linux counts that time in steps of 10 ms, so a figure is good to %.1f µs at this "
                + "round size. Allocated bytes are those of every thread of the worker alive at the round's end "
                + "(`ThreadMXBean.getThreadAllocatedBytes`, over JMX), per record.%n%n", QOS, messages, TOPICS, TOPICS,
                options.reps(), 10_000.0 / messages));
        md.append("| Format | Payload bytes | Rec/s | Ratio to `bytes` | Worker CPU µs/record | CPU ratio to `bytes` "
                + "| Worker B/record |\n|---|---:|---:|---:|---:|---:|---:|\n");
        Rounds bytes = results.get(Format.BYTES);
        results.forEach((format, r) -> md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n",
                format.label, r.payloadBytes(), SourceBenchmark.rate(r.rates()),
                SourceBenchmark.ratio(r.rates(), bytes.rates()), micros(r.cpuMicros()),
                SourceBenchmark.ratio(r.cpuMicros(), bytes.cpuMicros()), SteadyResults.bytes(r.allocatedBytes()))));
        return md.append("\nMedian (min–max) of the repetitions; ratios per repetition against the `bytes` round "
                + "run next to it.\n\n").toString();
    }

    /** Microseconds as median (min–max), to a tenth. */
    static String micros(List<Double> values) {
        Spread s = Spread.of(values);
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", s.median(), s.min(), s.max());
    }
}

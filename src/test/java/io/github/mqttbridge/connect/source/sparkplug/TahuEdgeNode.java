package io.github.mqttbridge.connect.source.sparkplug;

import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * A foreign Sparkplug edge node: its payloads are encoded by Eclipse Tahu, the specification's reference
 * implementation, so the connector's decoder is checked against an implementation it shares no code with.
 */
public final class TahuEdgeNode {
    public static final long BIRTH_TIMESTAMP = 1_700_000_000_000L;
    public static final long TEMPERATURE_ALIAS = 1;
    public static final long RUNNING_ALIAS = 2;

    private TahuEdgeNode() {
    }

    /** An NBIRTH declaring "Temperature" (Double, alias 1) and "Running" (Boolean, alias 2). */
    public static byte[] nbirth() throws Exception {
        return encode(0, List.of(
                new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric(),
                new Metric.MetricBuilder("Temperature", MetricDataType.Double, 20.5).alias(TEMPERATURE_ALIAS)
                        .timestamp(new Date(BIRTH_TIMESTAMP)).createMetric(),
                new Metric.MetricBuilder("Running", MetricDataType.Boolean, true).alias(RUNNING_ALIAS)
                        .timestamp(new Date(BIRTH_TIMESTAMP)).createMetric()));
    }

    /** An NDATA with the temperature by alias only, as an edge node sends after its BIRTH. */
    public static byte[] ndata(long seq, double temperature) throws Exception {
        return encode(seq, List.of(new Metric.MetricBuilder(TEMPERATURE_ALIAS, MetricDataType.Double, temperature)
                .timestamp(new Date(BIRTH_TIMESTAMP + seq)).createMetric()));
    }

    /** An NDATA with an alias the NBIRTH did not declare. */
    public static byte[] ndataWithUndeclaredAlias(long seq) throws Exception {
        return encode(seq, List.of(new Metric.MetricBuilder(99L, MetricDataType.Int32, 7).createMetric()));
    }

    /** A DBIRTH with one metric of each scalar datatype, aliases 10 up, values at the edges of their ranges. */
    public static byte[] dbirthOfEveryScalarType() throws Exception {
        return encode(1, List.of(
                metric("i8", 10, MetricDataType.Int8, (byte) -8),
                metric("i16", 11, MetricDataType.Int16, (short) -16_000),
                metric("i32", 12, MetricDataType.Int32, Integer.MIN_VALUE),
                metric("i64", 13, MetricDataType.Int64, Long.MIN_VALUE),
                metric("u8", 14, MetricDataType.UInt8, (short) 255),
                metric("u16", 15, MetricDataType.UInt16, 65_535),
                metric("u32", 16, MetricDataType.UInt32, 4_294_967_295L),
                metric("u64", 17, MetricDataType.UInt64, new BigInteger("18446744073709551615")),
                metric("f", 18, MetricDataType.Float, 1.5f),
                metric("d", 19, MetricDataType.Double, -2.25),
                metric("b", 20, MetricDataType.Boolean, false),
                metric("s", 21, MetricDataType.String, "grün"),
                metric("t", 22, MetricDataType.DateTime, new Date(BIRTH_TIMESTAMP)),
                metric("bytes", 23, MetricDataType.Bytes, new byte[] {1, 2, 3})));
    }

    /** A DBIRTH with one metric of each array datatype of Sparkplug 3.0, aliases 30 up. */
    public static byte[] dbirthOfEveryArrayType() throws Exception {
        return encode(2, List.of(
                metric("i8s", 30, MetricDataType.Int8Array, new Byte[] {-1, 2}),
                metric("i16s", 31, MetricDataType.Int16Array, new Short[] {-300, 300}),
                metric("i32s", 32, MetricDataType.Int32Array, new Integer[] {Integer.MIN_VALUE, 5}),
                metric("i64s", 33, MetricDataType.Int64Array, new Long[] {Long.MAX_VALUE}),
                metric("u8s", 34, MetricDataType.UInt8Array, new Short[] {(short) 255, (short) 0}),
                metric("u16s", 35, MetricDataType.UInt16Array, new Integer[] {65_535}),
                metric("u32s", 36, MetricDataType.UInt32Array, new Long[] {4_294_967_295L}),
                metric("u64s", 37, MetricDataType.UInt64Array, new BigInteger[] {BigInteger.TEN}),
                metric("fs", 38, MetricDataType.FloatArray, new Float[] {0.5f, -1f}),
                metric("ds", 39, MetricDataType.DoubleArray, new Double[] {1e300}),
                metric("bs", 40, MetricDataType.BooleanArray,
                        new Boolean[] {true, false, false, false, false, false, false, false, true, true}),
                metric("ss", 41, MetricDataType.StringArray, new String[] {"a", "", "grün"}),
                metric("ts", 42, MetricDataType.DateTimeArray, new Date[] {new Date(BIRTH_TIMESTAMP)})));
    }

    private static Metric metric(String name, long alias, MetricDataType type, Object value) throws Exception {
        return new Metric.MetricBuilder(name, type, value).alias(alias).createMetric();
    }

    private static byte[] encode(long seq, List<Metric> metrics) throws Exception {
        SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date(BIRTH_TIMESTAMP)).setSeq(seq).addMetrics(metrics).createPayload();
        return new SparkplugBPayloadEncoder().getBytes(payload, false);
    }
}

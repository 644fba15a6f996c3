package io.github.mqttbridge.connect.source.sparkplug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.source.sparkplug.SparkplugTopic.MessageType;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code mqtt.payload.format=sparkplug-b}: a Sparkplug B message as a record of {@link SparkplugStructs#MESSAGE},
 * keyed {@code <group>/<edge node>[/<device>]} so that a node's or device's messages stay in order in one partition.
 *
 * <p>Aliases: a BIRTH declares each metric's name, alias and datatype; later DATA (and CMD) messages may carry only
 * the alias, which is resolved from the last BIRTH this task saw for the node (NBIRTH) or device (DBIRTH). An
 * NBIRTH starts the node afresh with its devices, a DEATH forgets what its BIRTH declared. A metric whose alias no
 * BIRTH declared is a {@link BadRecordException} and is counted ({@link #unknownAliases()}): the task missed the
 * BIRTH (it started later, or the broker dropped it), and an NCMD with "Node Control/Rebirth" = true makes the edge
 * node send it again. One instance per task, used by its poll() only; the count is read by JMX.
 */
public final class SparkplugRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the BIRTHs declared, per node ({@code group/edge}) and device ({@code group/edge/device}). */
    private final Map<String, Declarations> births = new HashMap<>();
    private final AtomicLong unknownAliases = new AtomicLong();

    /** The record key and value of one message. */
    public record Keyed(String key, Schema schema, Struct value) {
    }

    public Keyed read(String mqttTopic, byte[] payload) throws BadRecordException {
        SparkplugTopic topic = SparkplugTopic.parse(mqttTopic);
        if (topic.type() == MessageType.STATE) {
            return new Keyed(topic.key(), SparkplugStructs.MESSAGE, state(topic, payload));
        }
        SparkplugPayload decoded = SparkplugPayload.decode(payload);
        List<Struct> metrics = new ArrayList<>(decoded.metrics().size());
        switch (topic.type()) {
            case NBIRTH -> {
                forgetNode(topic);
                metrics = declare(topic, decoded);
            }
            case DBIRTH -> metrics = declare(topic, decoded);
            case NDEATH, DDEATH -> {
                forget(topic);
                for (SparkplugMetric m : decoded.metrics()) {
                    metrics.add(SparkplugStructs.metric(m));
                }
            }
            default -> metrics = resolve(topic, decoded);
        }
        return new Keyed(topic.key(), SparkplugStructs.MESSAGE, SparkplugStructs.message(topic, decoded, metrics));
    }

    /** Messages refused since the task started because a metric's alias was declared by no BIRTH it saw. */
    public long unknownAliases() {
        return unknownAliases.get();
    }

    private List<Struct> declare(SparkplugTopic topic, SparkplugPayload payload) throws BadRecordException {
        Declarations declared = new Declarations();
        List<Struct> metrics = new ArrayList<>(payload.metrics().size());
        for (SparkplugMetric m : payload.metrics()) {
            declared.add(m);
            metrics.add(SparkplugStructs.metric(m));
        }
        births.put(topic.aliasScope(), declared);
        return metrics;
    }

    private List<Struct> resolve(SparkplugTopic topic, SparkplugPayload payload) throws BadRecordException {
        Declarations declared = births.get(topic.aliasScope());
        List<Struct> metrics = new ArrayList<>(payload.metrics().size());
        for (SparkplugMetric m : payload.metrics()) {
            SparkplugMetric resolved = declared == null ? null : declared.resolve(m);
            if (resolved == null && m.name() == null) {
                unknownAliases.incrementAndGet();
                throw new BadRecordException("Sparkplug " + topic.type() + " of '" + topic.aliasScope() + "' has a "
                        + "metric with alias " + m.alias() + " that no " + (topic.device() == null ? "NBIRTH" : "DBIRTH")
                        + " seen by this task declared; publish an NCMD to " + SparkplugTopic.NAMESPACE + "/"
                        + topic.group() + "/NCMD/" + topic.edgeNode() + " with the Boolean metric "
                        + "'Node Control/Rebirth' = true to make the edge node send its BIRTH again");
            }
            metrics.add(SparkplugStructs.metric(resolved == null ? m : resolved));
        }
        return metrics;
    }

    /** An NBIRTH: the node's devices will send their DBIRTHs again, and their old aliases no longer hold. */
    private void forgetNode(SparkplugTopic topic) {
        String devicePrefix = topic.nodeScope() + "/";
        births.keySet().removeIf(scope -> scope.equals(topic.nodeScope()) || scope.startsWith(devicePrefix));
    }

    private void forget(SparkplugTopic topic) {
        if (topic.device() == null) {
            forgetNode(topic);
        } else {
            births.remove(topic.aliasScope());
        }
    }

    /**
     * Sparkplug 3.0: a JSON object with {@code online} and {@code timestamp}; earlier versions: the text ONLINE or
     * OFFLINE.
     */
    private static Struct state(SparkplugTopic topic, byte[] payload) throws BadRecordException {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.equals("ONLINE") || text.equals("OFFLINE")) {
            return SparkplugStructs.state(topic, text.equals("ONLINE"), null);
        }
        try {
            JsonNode state = MAPPER.readTree(text);
            if (state != null && state.path("online").isBoolean()) {
                JsonNode timestamp = state.path("timestamp");
                return SparkplugStructs.state(topic, state.get("online").booleanValue(),
                        timestamp.canConvertToLong() ? timestamp.longValue() : null);
            }
        } catch (IOException e) {
            // not JSON either: refused below
        }
        throw new BadRecordException("the STATE payload of host '" + topic.hostId() + "' is neither Sparkplug 3.0's "
                + "JSON {\"online\":true|false,\"timestamp\":...} nor ONLINE/OFFLINE");
    }

    /** The names and datatypes one BIRTH declared, by alias and by name. */
    private static final class Declarations {
        private final Map<Long, SparkplugMetric> byAlias = new HashMap<>();
        private final Map<String, SparkplugMetric> byName = new HashMap<>();

        void add(SparkplugMetric m) {
            if (m.alias() != null) {
                byAlias.put(m.alias(), m);
            }
            if (m.name() != null) {
                byName.put(m.name(), m);
            }
        }

        /** The metric with its BIRTH's name and datatype, or null when the BIRTH did not declare it. */
        SparkplugMetric resolve(SparkplugMetric m) {
            SparkplugMetric birth = m.name() != null ? byName.get(m.name())
                    : m.alias() != null ? byAlias.get(m.alias()) : null;
            return birth == null ? null : m.declaredAs(birth.name(), birth.datatype());
        }
    }
}

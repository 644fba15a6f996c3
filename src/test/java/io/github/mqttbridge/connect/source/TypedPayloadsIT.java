package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.source.sparkplug.TahuEdgeNode;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed records through a real Connect worker and the embedded broker: JSON with an inferred schema or a JSON
 * Schema, and Sparkplug B
 * from a foreign edge node (Eclipse Tahu's encoder), written by JsonConverter with schemas and read back with it,
 * and the bad records of each in the dead letter topic.
 */
class TypedPayloadsIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());

    @Test
    void json_payloads_arrive_as_structs_of_an_inferred_schema_and_a_type_conflict_goes_to_the_dead_letter_topic()
            throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        SourceTraffic traffic = new SourceTraffic(1);
        String name = "src-infer-" + traffic.id;
        String kafkaTopic = "infer-" + traffic.id;
        Map<String, String> config = typedConnector(traffic, broker, traffic.filter(), kafkaTopic);
        config.put("mqtt.payload.format", "json");
        config.put("mqtt.payload.schema", "infer");
        cluster.get().rest().createConnector(name, config);
        cluster.get().rest().awaitRunning(name, 1);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name);
            String topic = traffic.mqttTopics.get(0);
            publish(publisher, topic, "{\"id\":1,\"temp\":20.5,\"pos\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8));
            publish(publisher, topic, "{\"id\":2,\"temp\":21,\"humidity\":40}".getBytes(StandardCharsets.UTF_8));
            publish(publisher, topic, "{\"id\":\"three\"}".getBytes(StandardCharsets.UTF_8));
            publish(publisher, topic, "{\"id\":4}".getBytes(StandardCharsets.UTF_8));

            List<Struct> values = read(kafkaTopic, 3).stream().map(r -> (Struct) r.value()).toList();
            Schema first = values.get(0).schema();
            assertEquals(Schema.Type.STRUCT, first.type());
            assertEquals(List.of("id", "temp", "pos"), first.fields().stream().map(f -> f.name()).toList());
            assertEquals(Schema.Type.INT64, first.field("id").schema().type());
            assertEquals(Schema.Type.FLOAT64, first.field("temp").schema().type());
            assertEquals(1L, values.get(0).getStruct("pos").get("x"));
            Schema grown = values.get(1).schema();
            assertEquals(List.of("id", "temp", "pos", "humidity"), grown.fields().stream().map(f -> f.name()).toList());
            assertEquals(21.0, values.get(1).get("temp"));
            assertEquals(40L, values.get(1).get("humidity"));
            assertEquals(4L, values.get(2).get("id"));
            assertNull(values.get(2).get("temp"));

            ConsumerRecord<byte[], byte[]> dead = cluster.get().kafka().read(kafkaTopic + "-dlq", 1, ARRIVAL).get(0);
            String reason = header(dead, "mqtt.error.reason");
            assertTrue(reason.contains("type conflict at field '$.id'"), reason);
            assertEquals(topic, header(dead, "mqtt.topic"));
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    @Test
    void a_json_schema_file_types_timestamps_and_sends_a_payload_that_fails_it_to_the_dead_letter_topic(
            @TempDir Path dir) throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        SourceTraffic traffic = new SourceTraffic(1);
        String name = "src-jsonschema-" + traffic.id;
        String kafkaTopic = "jsonschema-" + traffic.id;
        Path schema = Files.writeString(dir.resolve("reading.json"), """
                {"type": "object", "required": ["id", "at"],
                 "properties": {"id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
                                "temp": {"type": "number", "maximum": 200}}}
                """);
        Map<String, String> config = typedConnector(traffic, broker, traffic.filter(), kafkaTopic);
        config.put("mqtt.payload.format", "json");
        config.put("mqtt.payload.schema", schema.toString());
        cluster.get().rest().createConnector(name, config);
        cluster.get().rest().awaitRunning(name, 1);
        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name);
            String topic = traffic.mqttTopics.get(0);
            publish(publisher, topic, "{\"id\":1,\"at\":\"2024-05-01T12:00:00Z\",\"temp\":21.5}"
                    .getBytes(StandardCharsets.UTF_8));
            publish(publisher, topic, "{\"id\":2,\"at\":\"2024-05-01T12:00:01Z\",\"temp\":999}"
                    .getBytes(StandardCharsets.UTF_8));

            Struct value = (Struct) read(kafkaTopic, 1).get(0).value();
            assertEquals(Timestamp.SCHEMA, value.schema().field("at").schema());
            assertEquals(Date.from(Instant.parse("2024-05-01T12:00:00Z")), value.get("at"));
            assertEquals(Schema.INT64_SCHEMA, value.schema().field("id").schema());
            assertEquals(21.5, value.get("temp"));

            ConsumerRecord<byte[], byte[]> dead = cluster.get().kafka().read(kafkaTopic + "-dlq", 1, ARRIVAL).get(0);
            String reason = header(dead, "mqtt.error.reason");
            assertTrue(reason.startsWith("the payload does not match the JSON Schema"), reason);
            assertTrue(reason.contains("temp"), reason);
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    @Test
    void sparkplug_births_and_data_arrive_with_resolved_aliases_and_an_undeclared_alias_is_dead_lettered_and_counted()
            throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        SourceTraffic traffic = new SourceTraffic(1);
        String group = "plant" + traffic.id;
        String name = "src-sparkplug-" + traffic.id;
        String kafkaTopic = "sparkplug-" + traffic.id;
        Map<String, String> config = typedConnector(traffic, broker, "spBv1.0/" + group + "/#", kafkaTopic);
        config.put("mqtt.payload.format", "sparkplug-b");
        cluster.get().rest().createConnector(name, config);
        cluster.get().rest().awaitRunning(name, 1);
        try (MqttClient edge = SourceTraffic.publisher(broker.tcpUri())) {
            awaitSubscribed(name);
            publish(edge, "spBv1.0/" + group + "/NBIRTH/edge1", TahuEdgeNode.nbirth());
            publish(edge, "spBv1.0/" + group + "/NDATA/edge1", TahuEdgeNode.ndata(1, 22.25));
            publish(edge, "spBv1.0/" + group + "/NDATA/edge1", TahuEdgeNode.ndataWithUndeclaredAlias(2));

            List<SchemaAndValue> records = read(kafkaTopic, 2);
            Struct birth = (Struct) records.get(0).value();
            assertEquals("NBIRTH", birth.get("messageType"));
            assertEquals(group, birth.get("group"));
            assertEquals("edge1", birth.get("edgeNode"));
            Struct data = (Struct) records.get(1).value();
            assertEquals("NDATA", data.get("messageType"));
            assertEquals(1L, data.get("seq"));
            Struct temperature = data.<Struct>getArray("metrics").get(0);
            assertEquals("Temperature", temperature.get("name"));
            assertEquals("Double", temperature.get("datatype"));
            assertEquals(22.25, temperature.get("doubleValue"));
            assertEquals(group + "/edge1", new String(cluster.get().kafka().read(kafkaTopic, 2, ARRIVAL).get(1).key(),
                    StandardCharsets.UTF_8));

            ConsumerRecord<byte[], byte[]> dead = cluster.get().kafka().read(kafkaTopic + "-dlq", 1, ARRIVAL).get(0);
            assertTrue(header(dead, "mqtt.error.reason").contains("Node Control/Rebirth"), header(dead, "mqtt.error.reason"));
            assertEquals("sparkplug-b", header(dead, "mqtt.error.format"));
            assertEquals(1L, SourceTaskProbe.attribute(name, 0, "SparkplugUnknownAliases"));
        } finally {
            cluster.get().rest().deleteConnector(name);
        }
    }

    /** One partition, so the records read back are in publishing order; bad records to {@code <topic>-dlq}. */
    private static Map<String, String> typedConnector(SourceTraffic traffic, TestBroker broker, String filter,
                                                      String kafkaTopic) {
        Map<String, String> config = traffic.connector(broker.tcpUri(), filter, 1);
        config.put("kafka.topic", kafkaTopic);
        config.put("topic.creation.default.partitions", "1");
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
        config.put("errors.tolerance", "all");
        config.put("mqtt.errors.deadletterqueue.topic.name", kafkaTopic + "-dlq");
        return config;
    }

    private static void publish(MqttClient publisher, String topic, byte[] payload) throws Exception {
        publisher.publish(topic, payload, 1, false).get(30, TimeUnit.SECONDS);
    }

    /** The values of the topic's first {@code count} records, as JsonConverter with schemas reads them. */
    private static List<SchemaAndValue> read(String topic, int count) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        return cluster.get().kafka().read(topic, count, ARRIVAL).stream().limit(count)
                .map(r -> converter.toConnectData(topic, r.value())).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void awaitSubscribed(String connector) {
        await().atMost(Duration.ofSeconds(30)).until(() -> SourceTaskProbe.subscribed(connector, 0));
    }
}

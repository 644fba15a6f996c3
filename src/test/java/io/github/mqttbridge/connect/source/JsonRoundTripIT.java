package io.github.mqttbridge.connect.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.RawSubscriber;
import io.github.mqttbridge.connect.sink.SinkTraffic;
import io.github.mqttbridge.connect.sink.Subscriber;
import io.github.mqttbridge.testing.ClassResource;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.SharedBroker;
import io.github.mqttbridge.testing.TestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MQTT → Kafka → MQTT with types: the source infers a schema from JSON payloads and JsonConverter writes Structs
 * with it to Kafka; the sink reads them with the same converter and publishes {@code mqtt.payload.format=json}.
 * What a subscriber gets is the JSON that was published, with the schema showing only where the sink guide says.
 */
class JsonRoundTripIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ClassResource<KafkaConnectCluster> cluster =
            ClassResource.of(() -> KafkaConnectCluster.builder().start());

    @Test
    void json_inferred_by_the_source_is_published_by_the_sink_as_the_json_that_came_in() throws Exception {
        TestBroker broker = SharedBroker.EMBEDDED.get();
        SourceTraffic traffic = new SourceTraffic(1);
        String source = "rt-src-" + traffic.id;
        String sink = "rt-sink-" + traffic.id;
        String kafkaTopic = "rt-" + traffic.id;
        String outTopic = "rt" + traffic.id + "/out";

        Map<String, String> sourceConfig = traffic.connector(broker.tcpUri(), traffic.filter(), 1);
        sourceConfig.put("kafka.topic", kafkaTopic);
        sourceConfig.put("topic.creation.default.partitions", "1");
        sourceConfig.put("mqtt.payload.format", "json");
        sourceConfig.put("mqtt.payload.schema", "infer");
        withJsonSchemas(sourceConfig);
        Map<String, String> sinkConfig = SinkTraffic.sinkConfig(kafkaTopic, broker.tcpUri(), 1);
        sinkConfig.put("tasks.max", "1");
        sinkConfig.put("mqtt.topic", outTopic);
        sinkConfig.put("mqtt.payload.format", "json");
        withJsonSchemas(sinkConfig);

        cluster.get().rest().createConnector(source, sourceConfig);
        cluster.get().rest().awaitRunning(source, 1);
        try (Subscriber subscriber = new RawSubscriber(broker.tcpUri(), outTopic);
             MqttClient publisher = SourceTraffic.publisher(broker.tcpUri())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> SourceTaskProbe.subscribed(source, 0));
            String first = "{\"id\":1,\"temp\":20.5,\"ok\":true,\"pos\":{\"x\":1,\"y\":-2},\"tags\":[\"a\",\"b\"]}";
            String second = "{\"id\":2,\"temp\":21,\"humidity\":40}";
            for (String payload : List.of(first, second)) {
                publisher.publish(traffic.mqttTopics.get(0), payload.getBytes(StandardCharsets.UTF_8), 1, false)
                        .get(30, TimeUnit.SECONDS);
            }
            cluster.get().rest().createConnector(sink, sinkConfig);

            List<JsonNode> published = new ArrayList<>();
            await().atMost(ARRIVAL).until(() -> subscriber.count() >= 2);
            for (Subscriber.Message m : subscriber.messages().subList(0, 2)) {
                published.add(JSON.readTree(m.payload()));
            }
            assertEquals(JSON.readTree(first), published.get(0));
            // The second payload's record has the schema the first one grew: what it left out is null, and its
            // temperature is a float like the field it went into.
            assertEquals(JSON.readTree("{\"id\":2,\"temp\":21.0,\"ok\":null,\"pos\":null,\"tags\":null,"
                    + "\"humidity\":40}"), published.get(1));
        } finally {
            cluster.get().rest().deleteConnector(source);
            if (cluster.get().rest().connectors().contains(sink)) {
                cluster.get().rest().deleteConnector(sink);
            }
        }
    }

    private static void withJsonSchemas(Map<String, String> config) {
        config.put("value.converter", JsonConverter.class.getName());
        config.put("value.converter.schemas.enable", "true");
    }
}

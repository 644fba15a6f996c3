package io.github.mqttbridge.quickstart;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.testing.ConnectRest;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml as a user runs it: the official images, the plugin mounted from target/plugins and the
 * connectors registered by its one-shot service; a message published to Mosquitto must come back on echo/.
 * Needs a Docker engine, so it is skipped (and reported so) where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeIT {

    @Container
    private static final ComposeContainer COMPOSE = new ComposeContainer(new File("docker-compose.yml"))
            .withExposedService("connect", 8083, Wait.forHttp("/health").forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)))
            .withExposedService("mosquitto", 1883, Wait.forListeningPort());

    @Test
    void telemetry_flows_from_mosquitto_through_kafka_and_back() {
        URI connect = URI.create("http://" + COMPOSE.getServiceHost("connect", 8083) + ":"
                + COMPOSE.getServicePort("connect", 8083) + "/");
        ConnectRest rest = new ConnectRest(() -> connect);
        await("the register service posted both connectors").atMost(Duration.ofMinutes(2))
                .ignoreExceptions().until(() -> rest.connectors().containsAll(List.of("mqtt-source", "mqtt-sink")));
        rest.awaitRunning("mqtt-source", 1);
        rest.awaitRunning("mqtt-sink", 1);

        String mqtt = "tcp://" + COMPOSE.getServiceHost("mosquitto", 1883) + ":"
                + COMPOSE.getServicePort("mosquitto", 1883);
        List<String> echoes = new CopyOnWriteArrayList<>();
        try (MqttClient subscriber = new MqttClient(mqtt, "compose-it-echo");
             MqttClient device = new MqttClient(mqtt, "compose-it-device")) {
            subscriber.onMessageArrived(m -> echoes.add(m.destinationName() + " " + m.payloadString()));
            subscriber.connect(ConnectOptions.defaults()).join();
            subscriber.subscribe("echo/#", 1).join();
            device.connect(ConnectOptions.defaults()).join();
            device.publish("devices/d-1/telemetry", "{\"t\":21}".getBytes(StandardCharsets.UTF_8), 1, false).join();
            await("the echo").atMost(Duration.ofMinutes(1)).until(() -> !echoes.isEmpty());
        }
        assertEquals("echo/devices/d-1/telemetry {\"t\":21}", echoes.get(0));
    }
}

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.client.MqttMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client jar's example (ClientJarIT compiles it against that jar and slf4j-api alone, then runs it): subscribes
 * to a topic, publishes one message to it at QoS 1 and prints it when the broker delivers it back.
 * Usage: java ClientExample tcp://localhost:1883 some/topic
 */
public class ClientExample {
    public static void main(String[] args) throws Exception {
        String broker = args[0];
        String topic = args[1];
        CompletableFuture<MqttMessage> received = new CompletableFuture<>();
        try (MqttClient client = new MqttClient(broker, "client-example")) {
            client.onMessageArrived(received::complete);
            client.connect(ConnectOptions.builder().cleanSession(true).build()).get(10, TimeUnit.SECONDS);
            client.subscribe(topic, 1).get(10, TimeUnit.SECONDS);
            client.publish(topic, "hello from the client jar".getBytes(StandardCharsets.UTF_8), 1, false)
                    .get(10, TimeUnit.SECONDS);
            MqttMessage message = received.get(10, TimeUnit.SECONDS);
            System.out.println("received on " + message.destinationName() + ": " + message.payloadString());
            client.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}

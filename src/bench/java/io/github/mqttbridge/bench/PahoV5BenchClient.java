package io.github.mqttbridge.bench;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Paho's MQTT 5 MqttAsyncClient with its defaults. Its in-flight limit is the server's Receive Maximum from the
 * CONNACK, and like Paho's MQTT 3 client it refuses a publish beyond it, so the adapter holds back with an
 * {@link InflightWindow} of that size, as a Paho application has to.
 */
final class PahoV5BenchClient implements BenchClient {
    private static final long TIMEOUT_MILLIS = 30_000;
    /** What a server that sends no Receive Maximum allows (MQTT 5, 3.2.2.3.3). */
    private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;
    /**
     * Paho mqttv5 logs every inbound PUBREL at INFO through java.util.logging, which would time the console rather
     * than the client; warnings still show. Held here because java.util.logging forgets the level of a logger
     * nobody references.
     */
    private static final Logger PAHO_LOG = Logger.getLogger("org.eclipse.paho.mqttv5.client");

    static {
        PAHO_LOG.setLevel(Level.WARNING);
    }

    private final MqttAsyncClient client;
    private volatile InflightWindow inflight;
    private volatile Consumer<byte[]> onMessage = payload -> { };

    PahoV5BenchClient(String uri, String clientId) throws MqttException {
        // Paho's default persistence writes every QoS 1/2 message to files in the working directory.
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                System.err.println("paho v5 " + clientId + " lost its connection: " + response);
            }

            @Override
            public void mqttErrorOccurred(MqttException failure) {
                System.err.println("paho v5 " + clientId + ": " + failure);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
    }

    @Override
    public void connect() throws MqttException {
        IMqttToken connected = client.connect(new MqttConnectionOptions());
        connected.waitForCompletion(TIMEOUT_MILLIS);
        int receiveMaximum = Optional.ofNullable(connected.getResponseProperties())
                .map(MqttProperties::getReceiveMaximum).orElse(DEFAULT_RECEIVE_MAXIMUM);
        inflight = new InflightWindow(receiveMaximum, PahoV5BenchClient::refusedForFullWindow);
    }

    @Override
    public void subscribe(String topic, int qos, Consumer<byte[]> onMessage) throws MqttException {
        this.onMessage = onMessage;
        client.subscribe(topic, qos).waitForCompletion(TIMEOUT_MILLIS);
    }

    @Override
    public CompletableFuture<?> publishAsync(String topic, byte[] payload, int qos) throws Exception {
        return inflight.publish(done -> client.publish(topic, payload, qos, false, null, completing(done)));
    }

    private static MqttActionListener completing(CompletableFuture<Void> done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
    }

    private static boolean refusedForFullWindow(Exception e) {
        return e instanceof MqttException refused
                && refused.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT;
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } finally {
            client.close();
        }
    }
}

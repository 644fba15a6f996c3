package io.github.mqttbridge.bench;

import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import io.github.mqttbridge.client.ConnectOptions;
import java.util.Arrays;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The client variants compared, each speaking one protocol generation. MQTT 3.1.1: each library at its documented
 * defaults and at its best in-flight window; HiveMQ's MQTT 3 client already defaults to the largest window MQTT
 * allows (its send maximum, 65,535), so its defaults are also its best tuning and it appears once. MQTT 5: each
 * library at its defaults only, where the server's Receive Maximum bounds every window.
 */
enum Library {
    OURS("ours", 3, ConnectOptions.defaults().maxInflight()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId, ConnectOptions.defaults());
        }
    },
    OURS_TUNED("ours-tuned", 3, 65_535) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId,
                    ConnectOptions.builder().maxInflight(window()).maxInflightQos2(window()).build());
        }
    },
    PAHO("paho", 3, new MqttConnectOptions().getMaxInflight()) {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, window());
        }
    },
    /** The window of earlier runs of this benchmark; larger windows were not tried with Paho. */
    PAHO_TUNED("paho-tuned", 3, 1000) {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, window());
        }
    },
    HIVEMQ("hivemq", 3, Mqtt3ConnectRestrictions.builder().build().getSendMaximum()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new HiveMqBenchClient(uri, clientId);
        }
    },
    OURS_V5("ours-v5", 5, oursV5Options().maxInflight()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId, oursV5Options());
        }
    },
    HIVEMQ_V5("hivemq-mqtt5", 5, Mqtt5ConnectRestrictions.builder().build().getSendMaximum()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new HiveMq5BenchClient(uri, clientId);
        }
    },
    /** Paho's MQTT 5 client has no window of its own: it takes the server's Receive Maximum, at most this. */
    PAHO_V5("paho-mqttv5", 5, 65_535) {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoV5BenchClient(uri, clientId);
        }
    };

    /** The protocol generations compared, each in tables of its own. */
    static final List<Integer> MQTT_VERSIONS = List.of(3, 5);

    private final String id;
    private final int mqttVersion;
    private final int window;

    Library(String id, int mqttVersion, int window) {
        this.id = id;
        this.mqttVersion = mqttVersion;
        this.window = window;
    }

    /** The clients speaking MQTT {@code mqttVersion}, in the order of their tables. */
    static List<Library> ofVersion(int mqttVersion) {
        return Arrays.stream(values()).filter(library -> library.mqttVersion == mqttVersion).toList();
    }

    /** Our client at its defaults in MQTT {@code mqttVersion}: what the others of that version are compared with. */
    static Library ours(int mqttVersion) {
        return mqttVersion == 5 ? OURS_V5 : OURS;
    }

    static Library byId(String id) {
        return Arrays.stream(values()).filter(library -> library.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client " + id));
    }

    private static ConnectOptions oursV5Options() {
        return ConnectOptions.builder().mqttVersion(5).build();
    }

    /** 3 for MQTT 3.1.1, 5 for MQTT 5. */
    int mqttVersion() {
        return mqttVersion;
    }

    abstract BenchClient create(String uri, String clientId) throws Exception;

    String id() {
        return id;
    }

    /** The most QoS 1/2 publishes awaiting acknowledgement. */
    int window() {
        return window;
    }

    String description() {
        return switch (this) {
            case OURS -> "io.github.mqttbridge.client.MqttClient, default options (maxInflight " + window
                    + ", of which maxInflightQos2 " + ConnectOptions.defaults().maxInflightQos2() + " at QoS 2)";
            case OURS_TUNED -> "io.github.mqttbridge.client.MqttClient, maxInflight " + window + " and maxInflightQos2 "
                    + window;
            case PAHO -> "Paho MqttAsyncClient 1.2.5, default options (maxInflight " + window
                    + "), memory persistence";
            case PAHO_TUNED -> "Paho MqttAsyncClient 1.2.5, maxInflight " + window + ", memory persistence";
            case HIVEMQ -> "HiveMQ MQTT client 1.4.2, Mqtt3AsyncClient, default options (send maximum " + window
                    + ", the most MQTT allows, so also its best window)";
            case OURS_V5 -> "io.github.mqttbridge.client.MqttClient, default options with mqttVersion 5 (maxInflight "
                    + window + " at QoS 1 and 2, within the server's Receive Maximum, which on MQTT 5 takes the place"
                    + " of the maxInflightQos2 guard)";
            case HIVEMQ_V5 -> "HiveMQ MQTT client 1.4.2, Mqtt5AsyncClient, default options (send maximum " + window
                    + ", within the server's Receive Maximum)";
            case PAHO_V5 -> "Paho mqttv5 MqttAsyncClient 1.2.5, default options (its window is the server's Receive"
                    + " Maximum, at most " + window + "), memory persistence";
        };
    }
}

package io.github.mqttbridge.bench;

import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectRestrictions;
import io.github.mqttbridge.client.ConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The client variants compared: each library at its documented defaults and at its best in-flight window.
 * HiveMQ's MQTT 3 client already defaults to the largest window MQTT allows (its send maximum, 65,535), so its
 * defaults are also its best tuning and it appears once.
 */
enum Library {
    OURS("ours", ConnectOptions.defaults().maxInflight()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId, ConnectOptions.defaults());
        }
    },
    OURS_TUNED("ours-tuned", 65_535) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId,
                    ConnectOptions.builder().maxInflight(window()).maxInflightQos2(window()).build());
        }
    },
    PAHO("paho", new MqttConnectOptions().getMaxInflight()) {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, window());
        }
    },
    /** The window of earlier runs of this benchmark; larger windows were not tried with Paho. */
    PAHO_TUNED("paho-tuned", 1000) {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, window());
        }
    },
    HIVEMQ("hivemq", Mqtt3ConnectRestrictions.builder().build().getSendMaximum()) {
        @Override
        BenchClient create(String uri, String clientId) {
            return new HiveMqBenchClient(uri, clientId);
        }
    };

    private final String id;
    private final int window;

    Library(String id, int window) {
        this.id = id;
        this.window = window;
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
        };
    }
}

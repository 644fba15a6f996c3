package io.github.mqttbridge.bench;

/** The client variants compared; each creates its publisher and subscriber the same way. */
enum Library {
    OURS("ours", "io.github.mqttbridge.client.MqttClient, default options (maxInflight 1000)") {
        @Override
        BenchClient create(String uri, String clientId) {
            return new OurBenchClient(uri, clientId);
        }
    },
    PAHO("paho", "Paho MqttAsyncClient 1.2.5, default maxInflight 10, memory persistence") {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, 10);
        }
    },
    PAHO_TUNED("paho-tuned", "Paho MqttAsyncClient 1.2.5, maxInflight 1000, memory persistence") {
        @Override
        BenchClient create(String uri, String clientId) throws Exception {
            return new PahoBenchClient(uri, clientId, 1000);
        }
    },
    HIVEMQ("hivemq", "HiveMQ MQTT client 1.4.2, Mqtt3AsyncClient, default options") {
        @Override
        BenchClient create(String uri, String clientId) {
            return new HiveMqBenchClient(uri, clientId);
        }
    };

    private final String id;
    private final String description;

    Library(String id, String description) {
        this.id = id;
        this.description = description;
    }

    abstract BenchClient create(String uri, String clientId) throws Exception;

    String id() {
        return id;
    }

    String description() {
        return description;
    }

    static Library byId(String id) {
        for (Library library : values()) {
            if (library.id.equals(id)) {
                return library;
            }
        }
        throw new IllegalArgumentException("unknown client '" + id
                + "', expected one of ours, paho, paho-tuned, hivemq");
    }
}

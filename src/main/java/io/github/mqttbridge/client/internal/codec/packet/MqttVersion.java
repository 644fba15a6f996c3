package io.github.mqttbridge.client.internal.codec.packet;

/** The protocol versions the client speaks: the number is the CONNECT protocol level. */
public enum MqttVersion {
    MQTT_3_1(3, "MQIsdp", 23, "mqttv3.1"),
    MQTT_3_1_1(4, "MQTT", 65535, "mqtt"),
    MQTT_5(5, "MQTT", 65535, "mqtt");

    private final int level;
    private final String protocolName;
    private final int maxClientIdLength;
    private final String webSocketSubprotocol;

    MqttVersion(int level, String protocolName, int maxClientIdLength, String webSocketSubprotocol) {
        this.level = level;
        this.protocolName = protocolName;
        this.maxClientIdLength = maxClientIdLength;
        this.webSocketSubprotocol = webSocketSubprotocol;
    }

    public int level() {
        return level;
    }

    public String protocolName() {
        return protocolName;
    }

    /** MQTT 3.1 caps client ids at 23 characters; 3.1.1 leaves it to the encoding's 65535 bytes. */
    public int maxClientIdLength() {
        return maxClientIdLength;
    }

    /** MQTT 5.0 added properties, reason codes, subscription options and AUTH; 3.1 and 3.1.1 share one codec. */
    public boolean isMqtt5() {
        return this == MQTT_5;
    }

    public String webSocketSubprotocol() {
        return webSocketSubprotocol;
    }

    public static MqttVersion ofLevel(int level) {
        for (MqttVersion v : values()) {
            if (v.level == level) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "mqttVersion must be 3 (MQTT 3.1), 4 (MQTT 3.1.1) or 5 (MQTT 5.0), was " + level);
    }
}

package io.github.mqttbridge.client.internal.codec.packet;

/** The protocol versions the client speaks: the number is the CONNECT protocol level. */
public enum MqttVersion {
    MQTT_3_1(3, "MQIsdp", 23, "mqttv3.1"),
    MQTT_3_1_1(4, "MQTT", 65535, "mqtt");

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

    public String webSocketSubprotocol() {
        return webSocketSubprotocol;
    }

    public static MqttVersion ofLevel(int level) {
        for (MqttVersion v : values()) {
            if (v.level == level) {
                return v;
            }
        }
        throw new IllegalArgumentException("mqttVersion must be 3 (MQTT 3.1) or 4 (MQTT 3.1.1), was " + level);
    }
}

package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;

import java.nio.ByteBuffer;

/**
 * CONNECT in MQTT 5.0 (section 3.1): the 3.1.1 layout with the CONNECT properties after keep alive and the will
 * properties before the will topic. Unlike 3.1.1, a password may come without a user name.
 */
final class Mqtt5ConnectEncoder extends MqttMessageEncoder<ConnectPacket> {
    private static final int LEVEL_FLAGS_KEEP_ALIVE_SIZE = 4;

    Mqtt5ConnectEncoder() {
        super(ConnectPacket.class);
    }

    @Override
    long bodyLength(ConnectPacket packet) {
        Mqtt3ConnectEncoder.requireVersionAndKeepAlive(packet);
        if (!packet.version().isMqtt5()) {
            throw new IllegalArgumentException("the MQTT 5.0 encoder sends only a CONNECT of MQTT 5.0, was "
                    + packet.version());
        }
        long length = MqttLengthPrefixed.checkedStringSize(MqttVersion.MQTT_5.protocolName())
                + LEVEL_FLAGS_KEEP_ALIVE_SIZE + Mqtt5PropertyWriter.size(packet.properties(), PropertyScope.CONNECT)
                + MqttLengthPrefixed.stringSize(packet.clientId(), "clientId");
        ConnectPacket.Will will = packet.will();
        if (will != null) {
            length += Mqtt5PropertyWriter.size(will.properties(), PropertyScope.WILL)
                    + Mqtt3ConnectEncoder.checkedWillSize(will);
        }
        return length + Mqtt3ConnectEncoder.checkedCredentialsSize(packet);
    }

    @Override
    int flags(ConnectPacket packet) {
        return 0;
    }

    @Override
    void encodeBody(ConnectPacket packet, ByteBuffer out) {
        MqttLengthPrefixed.writeString(MqttVersion.MQTT_5.protocolName(), out);
        out.put((byte) MqttVersion.MQTT_5.level());
        out.put((byte) Mqtt3ConnectEncoder.connectFlags(packet));
        out.putShort((short) packet.keepAliveSeconds());
        Mqtt5PropertyWriter.write(packet.properties(), out);
        MqttLengthPrefixed.writeString(packet.clientId(), out);
        ConnectPacket.Will will = packet.will();
        if (will != null) {
            Mqtt5PropertyWriter.write(will.properties(), out);
            Mqtt3ConnectEncoder.writeWill(will, out);
        }
        Mqtt3ConnectEncoder.writeCredentials(packet, out);
    }
}

package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.codec.packet.PropertyScope;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;

/**
 * CONNECT in MQTT 5.0, as the tests' server decodes it (MQTT 5.0 section 3.1): the 3.1.1 layout with properties
 * after keep alive and will properties before the will topic.
 */
final class Mqtt5ConnectDecoder implements MqttMessageDecoder {

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.CONNECT, flags, FixedHeaderFlags.RESERVED_0000);
        String name = body.readString("protocol name");
        int level = body.readUnsignedByte("protocol level");
        if (!name.equals(MqttVersion.MQTT_5.protocolName()) || level != MqttVersion.MQTT_5.level()) {
            throw new MqttDecodeException("unsupported protocol name '" + name + "' with level " + level
                    + ", must be 'MQTT' with level 5 [MQTT-3.1.2-1, MQTT-3.1.2-2]");
        }
        int connectFlags = body.readUnsignedByte("connect flags");
        Mqtt3ConnectDecoder.checkConnectFlags(connectFlags, MqttVersion.MQTT_5);
        int keepAlive = body.readUnsignedShort("keep alive");
        MqttProperties properties = Mqtt5PropertyReader.read(body, PropertyScope.CONNECT);
        String clientId = body.readString("client identifier");
        ConnectPacket.Will will = null;
        if ((connectFlags & Mqtt3ConnectDecoder.WILL) != 0) {
            MqttProperties willProperties = Mqtt5PropertyReader.read(body, PropertyScope.WILL);
            will = Mqtt3ConnectDecoder.readWill(connectFlags, willProperties, body);
        }
        String userName = (connectFlags & Mqtt3ConnectDecoder.USER_NAME) != 0 ? body.readString("user name") : null;
        byte[] password = (connectFlags & Mqtt3ConnectDecoder.PASSWORD) != 0 ? body.readBinary("password") : null;
        return new ConnectPacket(MqttVersion.MQTT_5, clientId, (connectFlags & Mqtt3ConnectDecoder.CLEAN_SESSION) != 0,
                keepAlive, will, userName, password, properties);
    }
}

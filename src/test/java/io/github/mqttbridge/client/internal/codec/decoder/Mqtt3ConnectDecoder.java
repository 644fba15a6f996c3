package io.github.mqttbridge.client.internal.codec.decoder;

import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import io.github.mqttbridge.client.internal.codec.packet.PacketType;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

/** CONNECT, as the tests' server decodes it: the client itself only sends it. */
final class Mqtt3ConnectDecoder implements MqttMessageDecoder {
    static final int USER_NAME = 0x80;
    static final int PASSWORD = 0x40;
    private static final int WILL_RETAIN = 0x20;
    private static final int WILL_QOS_SHIFT = 3;
    private static final int WILL_QOS_MASK = 0x18;
    static final int WILL = 0x04;
    static final int CLEAN_SESSION = 0x02;
    private static final int RESERVED = 0x01;

    @Override
    public MqttPacket decode(int flags, MqttBodyReader body) throws MqttDecodeException {
        FixedHeaderFlags.require(PacketType.CONNECT, flags, FixedHeaderFlags.RESERVED_0000);
        MqttVersion version = readProtocol(body);
        int connectFlags = body.readUnsignedByte("connect flags");
        checkConnectFlags(connectFlags, version);
        int keepAlive = body.readUnsignedShort("keep alive");
        String clientId = body.readString("client identifier");
        ConnectPacket.Will will = (connectFlags & WILL) != 0 ? readWill(connectFlags, body) : null;
        String userName = (connectFlags & USER_NAME) != 0 ? body.readString("user name") : null;
        byte[] password = (connectFlags & PASSWORD) != 0 ? body.readBinary("password") : null;
        return new ConnectPacket(version, clientId, (connectFlags & CLEAN_SESSION) != 0, keepAlive, will, userName,
                password);
    }

    private static MqttVersion readProtocol(MqttBodyReader body) throws MqttDecodeException {
        String name = body.readString("protocol name");
        int level = body.readUnsignedByte("protocol level");
        for (MqttVersion version : MqttVersion.values()) {
            if (!version.isMqtt5() && version.protocolName().equals(name) && version.level() == level) {
                return version;
            }
        }
        throw new MqttDecodeException("unsupported protocol name '" + name + "' with level " + level
                + ", must be 'MQTT' with level 4 or 'MQIsdp' with level 3 [MQTT-3.1.2-1, MQTT-3.1.2-2]");
    }

    /** The flag rules, which MQTT 5.0 keeps but for the password without a user name that it allows. */
    static void checkConnectFlags(int connectFlags, MqttVersion version) throws MqttDecodeException {
        if ((connectFlags & RESERVED) != 0) {
            throw new MqttDecodeException("reserved bit 0 of the CONNECT flags must be 0 [MQTT-3.1.2-3]");
        }
        if ((connectFlags & WILL) == 0) {
            if ((connectFlags & WILL_QOS_MASK) != 0) {
                throw new MqttDecodeException("will QoS (CONNECT flag bits 4-3) must be 0 when the will flag is 0"
                        + " [MQTT-3.1.2-13]");
            }
            if ((connectFlags & WILL_RETAIN) != 0) {
                throw new MqttDecodeException("will retain (CONNECT flag bit 5) must be 0 when the will flag is 0"
                        + " [MQTT-3.1.2-15]");
            }
        } else if ((connectFlags & WILL_QOS_MASK) == WILL_QOS_MASK) {
            throw new MqttDecodeException("will QoS 3 in the CONNECT flags, must be 0, 1 or 2 [MQTT-3.1.2-14]");
        }
        // MQTT 3.1 let a password go without a user name; 3.1.1 forbids it.
        if (version == MqttVersion.MQTT_3_1_1 && (connectFlags & PASSWORD) != 0 && (connectFlags & USER_NAME) == 0) {
            throw new MqttDecodeException("password flag (CONNECT flag bit 6) must be 0 when the user name flag is 0"
                    + " [MQTT-3.1.2-22]");
        }
    }

    private static ConnectPacket.Will readWill(int connectFlags, MqttBodyReader body) throws MqttDecodeException {
        return readWill(connectFlags, MqttProperties.EMPTY, body);
    }

    /** The will topic and message, after the will properties that MQTT 5.0 puts before them. */
    static ConnectPacket.Will readWill(int connectFlags, MqttProperties properties, MqttBodyReader body)
            throws MqttDecodeException {
        String topic = body.readString("will topic");
        String problem = TopicName.problem(topic);
        if (problem != null) {
            throw new MqttDecodeException("will topic of CONNECT " + problem + " (MQTT 3.1.1 section 4.7)");
        }
        byte[] payload = body.readBinary("will message");
        int qos = (connectFlags & WILL_QOS_MASK) >>> WILL_QOS_SHIFT;
        return new ConnectPacket.Will(topic, payload, qos, (connectFlags & WILL_RETAIN) != 0, properties);
    }
}

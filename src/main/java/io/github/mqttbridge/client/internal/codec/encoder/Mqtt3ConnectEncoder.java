package io.github.mqttbridge.client.internal.codec.encoder;

import io.github.mqttbridge.client.internal.codec.packet.MqttVersion;
import io.github.mqttbridge.client.internal.codec.packet.ConnectPacket;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

import java.nio.ByteBuffer;

final class Mqtt3ConnectEncoder extends MqttMessageEncoder<ConnectPacket> {
    private static final int LEVEL_FLAGS_KEEP_ALIVE_SIZE = 4;
    private static final int MAX_KEEP_ALIVE = 65535;

    Mqtt3ConnectEncoder() {
        super(ConnectPacket.class);
    }

    @Override
    long bodyLength(ConnectPacket packet) {
        MqttVersion version = packet.version();
        requireVersionAndKeepAlive(packet);
        if (version.isMqtt5()) {
            throw new IllegalArgumentException("a CONNECT of MQTT 5.0 needs the MQTT 5.0 encoder");
        }
        Mqtt3FieldRules.requireNoProperties(packet.properties(), packet.type());
        // MQTT 3.1 let a password go without a user name; 3.1.1 forbids it.
        if (version == MqttVersion.MQTT_3_1_1 && packet.password() != null && packet.userName() == null) {
            throw new IllegalArgumentException("MQTT 3.1.1 allows a password only with a user name [MQTT-3.1.2-22]");
        }
        long length = MqttLengthPrefixed.checkedStringSize(version.protocolName()) + LEVEL_FLAGS_KEEP_ALIVE_SIZE
                + MqttLengthPrefixed.stringSize(packet.clientId(), "clientId");
        ConnectPacket.Will will = packet.will();
        if (will != null) {
            Mqtt3FieldRules.requireNoProperties(will.properties(), "the will");
            length += checkedWillSize(will);
        }
        return length + checkedCredentialsSize(packet);
    }

    /** The rules on version and keep alive that MQTT 5.0 keeps. */
    static void requireVersionAndKeepAlive(ConnectPacket packet) {
        if (packet.version() == null) {
            throw new IllegalArgumentException("version of CONNECT must not be null");
        }
        if (packet.keepAliveSeconds() < 0 || packet.keepAliveSeconds() > MAX_KEEP_ALIVE) {
            throw new IllegalArgumentException(
                    "keepAliveSeconds must be 0.." + MAX_KEEP_ALIVE + ", was " + packet.keepAliveSeconds());
        }
    }

    /** The will topic and payload, without the will properties MQTT 5.0 puts before them. */
    static long checkedWillSize(ConnectPacket.Will will) {
        Mqtt3FieldRules.requireTopicRule(TopicName.problem(will.topic()), "will topic", will.topic());
        Mqtt3FieldRules.requireQos(will.qos(), "will qos");
        return MqttLengthPrefixed.checkedStringSize(will.topic())
                + MqttLengthPrefixed.binarySize(will.payload(), "will payload");
    }

    static long checkedCredentialsSize(ConnectPacket packet) {
        long length = 0;
        if (packet.userName() != null) {
            length += MqttLengthPrefixed.stringSize(packet.userName(), "userName");
        }
        if (packet.password() != null) {
            length += MqttLengthPrefixed.binarySize(packet.password(), "password");
        }
        return length;
    }

    @Override
    int flags(ConnectPacket packet) {
        return 0;
    }

    @Override
    void encodeBody(ConnectPacket packet, ByteBuffer out) {
        MqttLengthPrefixed.writeString(packet.version().protocolName(), out);
        out.put((byte) packet.version().level());
        out.put((byte) connectFlags(packet));
        out.putShort((short) packet.keepAliveSeconds());
        MqttLengthPrefixed.writeString(packet.clientId(), out);
        if (packet.will() != null) {
            writeWill(packet.will(), out);
        }
        writeCredentials(packet, out);
    }

    static void writeWill(ConnectPacket.Will will, ByteBuffer out) {
        MqttLengthPrefixed.writeString(will.topic(), out);
        MqttLengthPrefixed.writeBinary(will.payload(), out);
    }

    /** User name and password, the end of the payload in every version. */
    static void writeCredentials(ConnectPacket packet, ByteBuffer out) {
        if (packet.userName() != null) {
            MqttLengthPrefixed.writeString(packet.userName(), out);
        }
        if (packet.password() != null) {
            MqttLengthPrefixed.writeBinary(packet.password(), out);
        }
    }

    /** The connect flags, which MQTT 5.0 keeps bit for bit, Clean Start taking Clean Session's place. */
    static int connectFlags(ConnectPacket packet) {
        int flags = packet.cleanSession() ? 0x02 : 0;
        ConnectPacket.Will will = packet.will();
        if (will != null) {
            flags |= 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0);
        }
        if (packet.password() != null) {
            flags |= 0x40;
        }
        if (packet.userName() != null) {
            flags |= 0x80;
        }
        return flags;
    }
}

package io.github.mqttbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-encoded MQTT packets, written independently of our codec so that tests can check the codec and the
 * transports against the specification's bytes rather than against themselves.
 */
public final class RawPackets {

    public static final byte[] PINGREQ = {(byte) 0xC0, 0x00};
    public static final byte[] PINGRESP = {(byte) 0xD0, 0x00};
    /** CONNACK, session present 0, return code 0 (accepted). */
    public static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};
    /** MQTT 5: no session, success, no properties. */
    public static final byte[] CONNACK_ACCEPTED_5 = {0x20, 0x03, 0x00, 0x00, 0x00};
    public static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

    private RawPackets() {
    }

    /** MQTT 3.1.1 CONNECT with clean session, keep alive 60 s, no will and no credentials. */
    public static byte[] connect311(String clientId) {
        return connect311(clientId, 60);
    }

    /** MQTT 3.1.1 CONNECT with clean session, no will and no credentials; keep alive 0 turns keep-alive off. */
    public static byte[] connect311(String clientId, int keepAliveSeconds) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02,
                keepAliveSeconds >> 8, keepAliveSeconds & 0xFF));
        writeString(body, clientId);
        return packet(0x10, body);
    }

    /** SUBSCRIBE to one filter at {@code qos}. */
    public static byte[] subscribe(int packetId, String filter, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes(packetId >> 8, packetId & 0xFF));
        writeString(body, filter);
        body.write(qos);
        return packet(0x82, body);
    }

    /** MQTT 3.1.1 CONNECT with clean session, keep alive 60 s, a user name and a password. */
    public static byte[] connect311(String clientId, String user, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xC2, 0x00, 0x3C));
        for (String field : new String[] {clientId, user, password}) {
            writeString(body, field);
        }
        return packet(0x10, body);
    }

    /** PUBLISH at QoS 1, neither retained nor a duplicate, with packet id {@code packetId}. */
    public static byte[] publishQos1(String topic, int packetId, byte[] payload) {
        return publish(0x32, topic, packetId, payload);
    }

    /** MQTT 3.1.1 PUBLISH at QoS 2, not retained, with packet id {@code packetId}; {@code dup} sets the DUP flag. */
    public static byte[] publishQos2(String topic, int packetId, boolean dup, byte[] payload) {
        return publish(dup ? 0x3C : 0x34, topic, packetId, payload);
    }

    private static byte[] publish(int firstByte, String topic, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        body.writeBytes(bytes(packetId >> 8, packetId & 0xFF));
        body.writeBytes(payload);
        return packet(firstByte, body);
    }

    /** A UTF-8 string as MQTT encodes it: two bytes of length, then the bytes. */
    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes(utf8.length >> 8, utf8.length & 0xFF));
        out.writeBytes(utf8);
    }

    /** The fixed header (first byte and remaining length) followed by {@code body}. */
    private static byte[] packet(int firstByte, ByteArrayOutputStream body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        writeRemainingLength(packet, body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    /** The PUBACK a broker sends for {@code packetId}. */
    public static byte[] puback(int packetId) {
        return bytes(0x40, 0x02, packetId >> 8, packetId & 0xFF);
    }

    /** The PUBREC a receiver sends for a QoS 2 PUBLISH with {@code packetId}. */
    public static byte[] pubrec(int packetId) {
        return bytes(0x50, 0x02, packetId >> 8, packetId & 0xFF);
    }

    /** The PUBREL a sender answers a PUBREC for {@code packetId} with. */
    public static byte[] pubrel(int packetId) {
        return bytes(0x62, 0x02, packetId >> 8, packetId & 0xFF);
    }

    /** The PUBCOMP a receiver sends for the PUBREL with {@code packetId}. */
    public static byte[] pubcomp(int packetId) {
        return bytes(0x70, 0x02, packetId >> 8, packetId & 0xFF);
    }

    /** Reads one whole packet as raw bytes, fixed header included; {@link EOFException} if the peer closed. */
    public static byte[] readPacket(InputStream in) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(readByte(in));
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = readByte(in);
            packet.write(digit);
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("peer closed the connection inside a packet");
        }
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("peer closed the connection");
        }
        return b;
    }

    static void writeRemainingLength(ByteArrayOutputStream out, int length) {
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

package io.github.mqttbridge.testing;

import java.io.ByteArrayOutputStream;
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
    public static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

    private RawPackets() {
    }

    /** MQTT 3.1.1 CONNECT with clean session, keep alive 60 s, no will and no credentials. */
    public static byte[] connect311(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream variable = new ByteArrayOutputStream();
        variable.writeBytes(bytes(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C));
        variable.writeBytes(bytes(id.length >> 8, id.length & 0xFF));
        variable.writeBytes(id);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        writeRemainingLength(packet, variable.size());
        packet.writeBytes(variable.toByteArray());
        return packet.toByteArray();
    }

    /** MQTT 3.1.1 CONNECT with clean session, keep alive 60 s, a user name and a password. */
    public static byte[] connect311(String clientId, String user, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(bytes(0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xC2, 0x00, 0x3C));
        for (String field : new String[] {clientId, user, password}) {
            byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
            body.writeBytes(bytes(utf8.length >> 8, utf8.length & 0xFF));
            body.writeBytes(utf8);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        writeRemainingLength(packet, body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
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

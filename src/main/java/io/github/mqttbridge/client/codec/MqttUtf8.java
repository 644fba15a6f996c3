package io.github.mqttbridge.client.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The rules of an MQTT UTF-8 encoded string (MQTT 3.1.1 section 1.5.3): well-formed UTF-8, no U+0000, at most
 * 65535 bytes. Control characters and non-characters are allowed by the spec and therefore accepted here.
 */
public final class MqttUtf8 {
    public static final int MAX_BYTES = 65535;

    private MqttUtf8() {
    }

    /** Why {@code s} cannot be sent as an MQTT string, or null when it can. */
    public static String problem(String s) {
        if (s.indexOf('\u0000') >= 0) {
            return "must not contain the null character U+0000";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate at index " + i;
            }
        }
        if (encodedLength(s) > MAX_BYTES) {
            return "must not be longer than " + MAX_BYTES + " bytes in UTF-8";
        }
        return null;
    }

    /** The number of bytes of {@code s} in UTF-8, without allocating. */
    public static int encodedLength(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Decodes {@code length} bytes at the buffer's position as strict UTF-8, or returns null when they are not
     * well-formed or hold U+0000. Advances the position past them either way.
     */
    public static String decode(ByteBuffer in, int length) {
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        if (isAscii(slice)) {
            String ascii = StandardCharsets.ISO_8859_1.decode(slice).toString();
            return ascii.indexOf('\u0000') >= 0 ? null : ascii;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(slice);
            String s = chars.toString();
            return s.indexOf('\u0000') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) < 0) {
                return false;
            }
        }
        return true;
    }
}

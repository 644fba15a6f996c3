package io.github.mqttbridge.client.internal.datatypes;

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

    /** Why {@code s} cannot be sent as an MQTT string, or null when it can. One pass, no allocation. */
    public static String problem(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '\u0000') {
                    return "must not contain the null character U+0000";
                }
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return "must not contain an unpaired surrogate at index " + i;
            }
        }
        if (bytes > MAX_BYTES) {
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
        int start = in.position();
        in.position(start + length);
        if (in.hasArray()) {
            byte[] array = in.array();
            int offset = in.arrayOffset() + start;
            if (isAscii(array, offset, length)) {
                // The common case for topics: one copy into a compact Latin-1 string, nothing else.
                return new String(array, offset, length, StandardCharsets.ISO_8859_1);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(in.slice(start, length));
            String s = chars.toString();
            return s.indexOf('\u0000') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** True when every byte is ASCII other than NUL, which the caller then need not check again. */
    private static boolean isAscii(byte[] b, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (b[i] <= 0) {
                return false;
            }
        }
        return true;
    }
}

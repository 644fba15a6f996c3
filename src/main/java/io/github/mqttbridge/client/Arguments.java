package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.datatypes.MqttUtf8;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import io.github.mqttbridge.client.internal.transport.ServerUri;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The argument checks of the API, each naming the parameter and the value it was given. */
final class Arguments {
    private Arguments() {
    }

    static Duration positive(Duration d, String parameter) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + d);
        }
        return d;
    }

    /** Zero, or whole seconds up to {@code maxSeconds}: MQTT counts intervals in seconds. */
    static Duration wholeSeconds(Duration d, long maxSeconds, String parameter) {
        if (d == null || d.isNegative() || d.getSeconds() > maxSeconds) {
            throw new IllegalArgumentException(parameter + " must be between zero and " + maxSeconds + " s, was " + d);
        }
        if (!d.isZero() && d.getSeconds() == 0) {
            throw new IllegalArgumentException(parameter + " must be zero or at least 1 s (MQTT counts whole seconds)"
                    + ", was " + d);
        }
        return d;
    }

    /** Counted without making a String of it: a String cannot be wiped. */
    static int utf8Length(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        int length = encoded.remaining();
        Arrays.fill(encoded.array(), (byte) 0);
        return length;
    }

    /** A string MQTT can carry: valid UTF-8 of at most 65,535 bytes, without U+0000. */
    static String utf8(String s, String parameter) {
        String problem = MqttUtf8.problem(s);
        if (problem != null) {
            throw new IllegalArgumentException(parameter + " " + problem);
        }
        return s;
    }

    /** Two positive durations, the first not longer than the second. */
    static void range(Duration min, Duration max, String parameter) {
        positive(min, parameter + " min");
        positive(max, parameter + " max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException(parameter + " max must not be less than min, was min " + min
                    + " and max " + max);
        }
    }

    /** At least one server URI, each checked and named by its place in the list. */
    static List<ServerUri> serverUris(List<String> uris, String parameter) {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException(parameter + " must hold at least one URI, was " + uris);
        }
        List<ServerUri> parsed = new ArrayList<>(uris.size());
        for (int i = 0; i < uris.size(); i++) {
            parsed.add(ServerUri.parse(uris.get(i), parameter + "[" + i + "]"));
        }
        return List.copyOf(parsed);
    }

    static long atLeast(long value, long min, String parameter) {
        if (value < min) {
            throw new IllegalArgumentException(parameter + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** TLS ALPN protocol names: each 1 to 255 bytes (RFC 7301). */
    static List<String> alpnProtocolNames(List<String> names, String parameter) {
        if (names == null) {
            throw new IllegalArgumentException(parameter + " must not be null (use an empty list for none)");
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException(parameter + "[" + i + "] must be 1 to 255 bytes, was "
                        + (name == null ? "null" : "'" + name + "'"));
            }
        }
        return List.copyOf(names);
    }

    /** {@code unit} follows the bounds in the message, e.g. " bytes", or is empty. */
    static long between(long value, long min, long max, String unit, String parameter) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " must be between " + min + " and " + max + unit
                    + ", was " + value);
        }
        return value;
    }
}

package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.client.MqttMessage;
import io.github.mqttbridge.connect.MqttHeaders;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Values;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Copies a record's Kafka headers to MQTT 5 user properties, in order and with repeats: every header whose name
 * matches the include pattern and not the exclude one, except the bridge's own {@code mqtt.*} headers. A value
 * becomes text: a string as it is, bytes as UTF-8 when they are valid UTF-8 and as Base64 otherwise, null as the
 * empty string, anything else (numbers, booleans, Structs, ...) as Connect writes it as text.
 */
final class HeaderUserProperties {
    private final Pattern include;
    private final Pattern exclude;

    /** {@code exclude} may be empty: nothing excluded. */
    HeaderUserProperties(String include, String exclude) {
        this.include = Pattern.compile(include);
        this.exclude = exclude.isEmpty() ? null : Pattern.compile(exclude);
    }

    void addTo(SinkRecord record, MqttMessage message) throws BadRecordException {
        for (Header header : record.headers()) {
            String name = header.key();
            if (copies(name)) {
                try {
                    message.addUserProperty(name, text(header.value()));
                } catch (IllegalArgumentException notAnMqttString) {
                    throw new BadRecordException("header '" + name + "' cannot be an MQTT user property: "
                            + notAnMqttString.getMessage());
                }
            }
        }
    }

    private boolean copies(String name) {
        return !name.startsWith(MqttHeaders.RESERVED_PREFIX) && include.matcher(name).matches()
                && (exclude == null || !exclude.matcher(name).matches());
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] bytes) {
            return utf8OrBase64(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return utf8OrBase64(bytes(buffer));
        }
        return Values.convertToString(null, value);
    }

    /** What is left in {@code buffer}, which stays as it was. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String utf8OrBase64(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}

package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How a record's value becomes the MQTT payload: the sink's {@code mqtt.payload.format}. A value a format cannot
 * encode is a {@link BadRecordException}, handled by {@link SinkBadRecords}:
 * <ul>
 * <li>{@code auto}: bytes as they are, strings as UTF-8, numbers and booleans as their text, Structs, Maps and
 * arrays as JSON;</li>
 * <li>{@code json}: always JSON, so a string is quoted;</li>
 * <li>{@code bytes}: the value must be bytes;</li>
 * <li>{@code string}: the value must be a string, number or boolean, sent as UTF-8 text;</li>
 * <li>{@code field:<path>}: one field of a Struct or Map value, converted as {@code auto}.</li>
 * </ul>
 */
final class SinkPayloadFormat {
    static final String SYNTAX = "auto, json, bytes, string or field:<path>";

    private interface Encoder {
        byte[] encode(Object value) throws BadRecordException;
    }

    private final String format;
    private final Encoder encoder;

    private SinkPayloadFormat(String format, Encoder encoder) {
        this.format = format;
        this.encoder = encoder;
    }

    static SinkPayloadFormat parse(String format) {
        String f = format == null ? "" : format.trim();
        switch (f.toLowerCase(Locale.ROOT)) {
            case "auto":
                return new SinkPayloadFormat("auto", SinkPayloadFormat::auto);
            case "json":
                return new SinkPayloadFormat("json", JsonValues::toJsonBytes);
            case "bytes":
                return new SinkPayloadFormat("bytes", SinkPayloadFormat::bytes);
            case "string":
                return new SinkPayloadFormat("string", SinkPayloadFormat::string);
            default:
                break;
        }
        if (f.startsWith("field:")) {
            FieldPath path = FieldPath.parse(f.substring("field:".length()));
            return new SinkPayloadFormat(f, value -> {
                Object field = path.resolve(value, "the value");
                if (field == null) {
                    throw new BadRecordException("the value field '" + path + "' is null");
                }
                return auto(field);
            });
        }
        throw new IllegalArgumentException("unknown payload format '" + format + "'; use " + SYNTAX);
    }

    /** The payload of a non-null value, or a {@link BadRecordException} saying why it has none. */
    byte[] encode(Object value) throws BadRecordException {
        return encoder.encode(value);
    }

    private static byte[] auto(Object value) throws BadRecordException {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return bytes(value);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return string(value);
        }
        return JsonValues.toJsonBytes(value);
    }

    private static byte[] bytes(Object value) throws BadRecordException {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            return bytesOf(buffer);
        }
        throw new BadRecordException("payload format bytes needs a bytes value, but the value is "
                + FieldPath.describe(value) + " (use the ByteArrayConverter, or another payload format)");
    }

    private static byte[] string(Object value) throws BadRecordException {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        throw new BadRecordException("payload format string needs a string, number or boolean value, but the "
                + "value is " + FieldPath.describe(value));
    }

    static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] b = new byte[copy.remaining()];
        copy.get(b);
        return b;
    }

    @Override
    public String toString() {
        return format;
    }
}

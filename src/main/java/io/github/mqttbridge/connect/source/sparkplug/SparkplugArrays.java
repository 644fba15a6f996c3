package io.github.mqttbridge.connect.source.sparkplug;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The array datatypes of Sparkplug 3.0, which travel in bytes_value: the elements packed little-endian at their
 * width (Int8Array 1 byte each ... Int64Array, DoubleArray and DateTimeArray 8), BooleanArray as a 4-byte count and
 * then the bits, most significant first, StringArray as NUL-terminated UTF-8 strings.
 */
final class SparkplugArrays {
    private SparkplugArrays() {
    }

    /** The elements as the metric Struct's array fields hold them; throws when the bytes do not fit the type. */
    static List<Object> decode(SparkplugDataType type, byte[] bytes) throws BadRecordException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case INT8ARRAY -> fixed(type, in, 1, b -> (int) b.get());
            case INT16ARRAY -> fixed(type, in, 2, b -> (int) b.getShort());
            case INT32ARRAY -> fixed(type, in, 4, ByteBuffer::getInt);
            case INT64ARRAY, UINT64ARRAY -> fixed(type, in, 8, ByteBuffer::getLong);
            case UINT8ARRAY -> fixed(type, in, 1, b -> b.get() & 0xFF);
            case UINT16ARRAY -> fixed(type, in, 2, b -> b.getShort() & 0xFFFF);
            case UINT32ARRAY -> fixed(type, in, 4, b -> b.getInt() & 0xFFFF_FFFFL);
            case FLOATARRAY -> fixed(type, in, 4, ByteBuffer::getFloat);
            case DOUBLEARRAY -> fixed(type, in, 8, ByteBuffer::getDouble);
            case DATETIMEARRAY -> fixed(type, in, 8, b -> new Date(b.getLong()));
            case BOOLEANARRAY -> booleans(in);
            case STRINGARRAY -> strings(bytes);
            default -> throw new IllegalArgumentException(type + " is no array type");
        };
    }

    private interface Element {
        Object read(ByteBuffer in);
    }

    private static List<Object> fixed(SparkplugDataType type, ByteBuffer in, int width, Element element)
            throws BadRecordException {
        if (in.remaining() % width != 0) {
            throw new BadRecordException("a " + type.specName + " of " + in.remaining() + " bytes, not a multiple "
                    + "of its elements' " + width);
        }
        List<Object> elements = new ArrayList<>(in.remaining() / width);
        while (in.hasRemaining()) {
            elements.add(element.read(in));
        }
        return elements;
    }

    private static List<Object> booleans(ByteBuffer in) throws BadRecordException {
        long count = in.remaining() < 4 ? -1 : in.getInt() & 0xFFFF_FFFFL;
        if (count < 0 || (count + 7) / 8 != in.remaining()) {
            throw new BadRecordException("a BooleanArray whose count does not match its " + in.limit() + " bytes");
        }
        List<Object> elements = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            elements.add((in.get(4 + i / 8) & (0x80 >> (i % 8))) != 0);
        }
        return elements;
    }

    private static List<Object> strings(byte[] bytes) throws BadRecordException {
        if (bytes.length > 0 && bytes[bytes.length - 1] != 0) {
            throw new BadRecordException("a StringArray whose last string is not NUL-terminated");
        }
        List<Object> elements = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                elements.add(utf8(bytes, start, i - start));
                start = i + 1;
            }
        }
        return elements;
    }

    private static String utf8(byte[] bytes, int offset, int length) throws BadRecordException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRecordException("a StringArray element is not valid UTF-8");
        }
    }
}

package io.github.mqttbridge.connect.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * How the MQTT payload becomes the record value: the source's {@code mqtt.payload.format}, for the formats that read
 * each payload on its own: bytes, string and schemaless JSON (the readers that remember earlier payloads are
 * {@link TypedJsonPayloads} and {@link SparkplugPayloads}). A payload a format cannot read is a {@link BadRecordException}, handled by
 * {@link SourceBadRecords}.
 */
enum SourcePayloadFormat implements PayloadReader {
    /** The payload as it is, with the BYTES schema. */
    BYTES {
        @Override
        SchemaAndValue convert(byte[] payload) throws BadRecordException {
            return new SchemaAndValue(Schema.BYTES_SCHEMA, payload);
        }
    },
    /** The payload decoded as strict UTF-8, with the STRING schema. */
    STRING {
        @Override
        SchemaAndValue convert(byte[] payload) throws BadRecordException {
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload))
                        .toString();
                return new SchemaAndValue(Schema.STRING_SCHEMA, text);
            } catch (CharacterCodingException e) {
                throw new BadRecordException("the payload (" + payload.length + " bytes) is not valid UTF-8");
            }
        }
    },
    /**
     * The payload parsed as one JSON document into a schemaless value: objects become maps, arrays lists, integers
     * Long (or Double beyond 64 bits), other numbers Double. An empty payload, which MQTT uses to clear a
     * retained message, becomes a null value.
     */
    JSON {
        @Override
        SchemaAndValue convert(byte[] payload) throws BadRecordException {
            if (payload.length == 0) {
                return new SchemaAndValue(null, null);
            }
            return new SchemaAndValue(null, value(parse(payload)));
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The value of the payload; throws {@link BadRecordException} when this format cannot read it. */
    abstract SchemaAndValue convert(byte[] payload) throws BadRecordException;

    /** These formats need neither topic nor memory: the key is the MQTT topic, the value the converted payload. */
    @Override
    public PayloadReader.Read read(String mqttTopic, String kafkaTopic, byte[] payload) throws BadRecordException {
        return new PayloadReader.Read(mqttTopic, convert(payload));
    }

    /** A non-empty payload as one JSON document; throws {@link BadRecordException} when it is not one. */
    static JsonNode parse(byte[] payload) throws BadRecordException {
        try {
            return MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new BadRecordException("the payload (" + payload.length + " bytes) is not one JSON document: "
                    + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRecordException("the payload cannot be read as JSON: " + e.getMessage());
        }
    }

    /** The name used in the configuration. */
    @Override
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SourcePayloadFormat fromConfig(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    static List<String> configNames() {
        List<String> names = new ArrayList<>();
        for (SourcePayloadFormat f : values()) {
            names.add(f.configName());
        }
        return names;
    }

    /** Converts to the types Connect's schemaless data allows (JsonConverter rejects BigInteger and BigDecimal). */
    private static Object value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.put(field.getKey(), value(field.getValue()));
                }
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(value(element));
                }
                return list;
            }
            case STRING -> {
                return node.textValue();
            }
            case BOOLEAN -> {
                return node.booleanValue();
            }
            case NUMBER -> {
                return node.isIntegralNumber() && node.canConvertToLong() ? (Object) node.longValue()
                        : (Object) node.doubleValue();
            }
            default -> {
                return null;
            }
        }
    }
}

package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The value of {@code mqtt.payload.schema}: {@code none}, {@code infer}, a JSON Schema written out (it starts with
 * '{'), or the path of a file holding one. The file is read when the connector is validated and when each task
 * starts, so a changed file takes effect on the next task restart.
 */
public final class PayloadSchemaSetting {
    public static final String NONE = "none";
    public static final String INFER = "infer";
    public static final String SYNTAX = "none, infer, a JSON Schema ({...}) or the path of a file holding one";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PayloadSchemaSetting() {
    }

    public static boolean isNone(String setting) {
        return setting.trim().equalsIgnoreCase(NONE);
    }

    /**
     * How payloads get their schema, or empty for {@code none}; a fresh instance each call, as inference keeps
     * state. Throws {@link IllegalArgumentException} saying what is wrong with the setting.
     */
    public static Optional<JsonTyping> typing(String setting) {
        String value = setting.trim();
        if (value.equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        if (value.equalsIgnoreCase(INFER)) {
            return Optional.of(new JsonSchemaInference());
        }
        return Optional.of(JsonSchemaTyping.of(jsonSchema(value)));
    }

    private static JsonNode jsonSchema(String value) {
        String text = value.startsWith("{") ? value : file(value);
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException((value.startsWith("{") ? "the JSON Schema" : "the file '" + value + "'")
                    + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String file(String value) {
        Path path;
        try {
            path = Paths.get(value);
        } catch (java.nio.file.InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("'" + value + "' is neither " + NONE + ", " + INFER + ", a JSON Schema "
                    + "(text starting with '{') nor a readable file holding one");
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the JSON Schema file '" + value + "': " + e.getMessage(),
                    e);
        }
    }
}

package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;

/**
 * {@code mqtt.payload.schema=<JSON Schema>}: every payload is validated against the schema (all of its keywords, by
 * the networknt validator), then typed by the Connect schema {@link JsonSchemaMapping} made of it. A payload that
 * fails validation is a {@link BadRecordException} listing the first violations. Stateless, one schema for every
 * Kafka topic of the connector.
 */
public final class JsonSchemaTyping implements JsonTyping {
    private static final int REPORTED_VIOLATIONS = 3;

    private final com.networknt.schema.Schema validator;
    private final Schema schema;

    private JsonSchemaTyping(com.networknt.schema.Schema validator, Schema schema) {
        this.validator = validator;
        this.schema = schema;
    }

    /**
     * Reads a JSON Schema (draft 2020-12 unless its {@code $schema} says another draft); throws
     * {@link IllegalArgumentException} saying what is wrong with it.
     */
    public static JsonSchemaTyping of(JsonNode jsonSchema) {
        refuseRemoteReferences(jsonSchema, "$");
        Schema mapped = JsonSchemaMapping.toConnect(jsonSchema);
        try {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            List<Error> problems = registry.getSchema(com.networknt.schema.SchemaLocation.of(
                    dialect(jsonSchema))).validate(jsonSchema);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("not a valid JSON Schema: " + summary(problems));
            }
            return new JsonSchemaTyping(registry.getSchema(jsonSchema), mapped);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * The meta-schema's id: {@code $schema} when it names a draft the validator ships, 2020-12 when there is none.
     * Any other would be fetched from wherever it points.
     */
    private static String dialect(JsonNode jsonSchema) {
        JsonNode declared = jsonSchema.get("$schema");
        if (declared == null) {
            return SpecificationVersion.DRAFT_2020_12.getDialectId();
        }
        String id = declared.asText().replaceFirst("#$", "");
        for (SpecificationVersion version : SpecificationVersion.values()) {
            if (version.getDialectId().replaceFirst("#$", "").equals(id)) {
                return version.getDialectId();
            }
        }
        throw new IllegalArgumentException("its $schema '" + declared.asText() + "' names no JSON Schema draft the "
                + "connector knows (draft-04, -06, -07, 2019-09, 2020-12)");
    }

    /**
     * A reference outside the schema would make the validator fetch a document while validating a payload, and
     * fail the task when it cannot: every {@code $ref} (and {@code $dynamicRef}, {@code $recursiveRef}) must be
     * local ({@code #...}).
     */
    private static void refuseRemoteReferences(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                boolean reference = key.equals("$ref") || key.equals("$dynamicRef") || key.equals("$recursiveRef");
                if (reference && field.getValue().isTextual() && !field.getValue().textValue().startsWith("#")) {
                    throw new IllegalArgumentException("the " + key + " '" + field.getValue().asText() + "' at "
                            + path + " leaves the schema; only local references (#/$defs/...) are followed, so "
                            + "that the connector never fetches a schema");
                }
                refuseRemoteReferences(field.getValue(), path + "." + key);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                refuseRemoteReferences(element, path + "[]");
            }
        }
    }

    /** The Connect schema of the records. */
    public Schema schema() {
        return schema;
    }

    @Override
    public SchemaAndValue typed(String kafkaTopic, JsonNode payload) throws BadRecordException {
        List<Error> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new BadRecordException("the payload does not match the JSON Schema of mqtt.payload.schema: "
                    + summary(violations));
        }
        return new SchemaAndValue(schema, JsonToConnect.value(schema, payload, "$"));
    }

    private static String summary(List<Error> errors) {
        String shown = errors.stream().limit(REPORTED_VIOLATIONS).map(JsonSchemaTyping::describe)
                .collect(Collectors.joining("; "));
        return errors.size() > REPORTED_VIOLATIONS ? shown + " (and " + (errors.size() - REPORTED_VIOLATIONS)
                + " more)" : shown;
    }

    /** e.g. {@code $.pos.x: string found, number expected}: the place written as in the reasons of inference. */
    private static String describe(Error error) {
        String pointer = error.getInstanceLocation().toString().replaceFirst("^\\$", "");
        return "$" + pointer.replace('/', '.') + ": " + error.getMessage();
    }
}

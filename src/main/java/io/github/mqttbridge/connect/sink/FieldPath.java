package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** A dotted path into a Struct or Map value, e.g. {@code device.id}; shared by the topic template and payloads. */
record FieldPath(String text, List<String> names) {
    static FieldPath parse(String text) {
        if (text == null || text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            throw new IllegalArgumentException("a field path is names separated by dots, e.g. device.id; was '"
                    + text + "'");
        }
        return new FieldPath(text, List.of(text.split("\\.")));
    }

    /** The value at this path; {@code what} names the root ("the value", "the key") in the reason for failure. */
    Object resolve(Object root, String what) throws BadRecordException {
        Object current = root;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = i == 0 ? what : what + " field '" + String.join(".", names.subList(0, i)) + "'";
            if (current instanceof Struct struct) {
                Field field = struct.schema().field(name);
                if (field == null) {
                    throw new BadRecordException(at + " has no field '" + name + "'");
                }
                current = struct.get(field);
            } else if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(name)) {
                    throw new BadRecordException(at + " has no field '" + name + "'");
                }
                current = map.get(name);
            } else {
                throw new BadRecordException(at + " is " + describe(current)
                        + ", not a Struct or Map, so it has no field '" + name + "'");
            }
        }
        return current;
    }

    static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return text;
    }
}

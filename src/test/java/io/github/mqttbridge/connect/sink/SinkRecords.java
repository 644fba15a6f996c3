package io.github.mqttbridge.connect.sink;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Records and values the sink's unit tests share. */
final class SinkRecords {
    static final Schema DEVICE = SchemaBuilder.struct().name("Device")
            .field("id", Schema.STRING_SCHEMA)
            .field("site", SchemaBuilder.struct().field("name", Schema.STRING_SCHEMA).optional().build())
            .field("temp", Schema.FLOAT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private SinkRecords() {
    }

    static Struct device(String id, String site, double temp) {
        Struct s = new Struct(DEVICE).put("id", id).put("temp", temp);
        if (site != null) {
            s.put("site", new Struct(DEVICE.field("site").schema()).put("name", site));
        }
        return s;
    }

    static SinkRecord record(Object key, Object value) {
        return new SinkRecord("sensors", 3, null, key, null, value, 42L);
    }
}

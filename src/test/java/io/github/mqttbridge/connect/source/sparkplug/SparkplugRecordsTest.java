package io.github.mqttbridge.connect.source.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mqttbridge.connect.task.BadRecordException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.eclipse.tahu.message.model.StatePayload;
import org.junit.jupiter.api.Test;

class SparkplugRecordsTest {
    private final SparkplugRecords records = new SparkplugRecords();

    @Test
    void an_nbirth_declares_the_aliases_an_ndata_is_resolved_with() throws Exception {
        SparkplugRecords.Keyed birth = records.read("spBv1.0/plant1/NBIRTH/edge1", TahuEdgeNode.nbirth());
        assertEquals("plant1/edge1", birth.key());
        Struct b = birth.value();
        assertEquals("plant1", b.get("group"));
        assertEquals("edge1", b.get("edgeNode"));
        assertNull(b.get("device"));
        assertEquals("NBIRTH", b.get("messageType"));
        assertEquals(0L, b.get("seq"));
        assertEquals(new Date(TahuEdgeNode.BIRTH_TIMESTAMP), b.get("timestamp"));
        assertEquals(20.5, byName(b).get("Temperature").get("doubleValue"));

        Struct data = records.read("spBv1.0/plant1/NDATA/edge1", TahuEdgeNode.ndata(1, 21.75)).value();
        Struct temperature = data.<Struct>getArray("metrics").get(0);
        assertEquals("Temperature", temperature.get("name"));
        assertEquals(TahuEdgeNode.TEMPERATURE_ALIAS, temperature.get("alias"));
        assertEquals("Double", temperature.get("datatype"));
        assertEquals(21.75, temperature.get("doubleValue"));
        assertEquals(new Date(TahuEdgeNode.BIRTH_TIMESTAMP + 1), temperature.get("timestamp"));
        data.validate();
    }

    @Test
    void an_alias_no_birth_declared_is_a_bad_record_that_says_how_to_rebirth_and_is_counted() throws Exception {
        BadRecordException before = assertThrows(BadRecordException.class,
                () -> records.read("spBv1.0/plant1/NDATA/edge1", TahuEdgeNode.ndata(1, 21.0)));
        assertTrue(before.getMessage().contains("alias 1"), before.getMessage());
        assertTrue(before.getMessage().contains("spBv1.0/plant1/NCMD/edge1"), before.getMessage());
        assertTrue(before.getMessage().contains("'Node Control/Rebirth' = true"), before.getMessage());

        records.read("spBv1.0/plant1/NBIRTH/edge1", TahuEdgeNode.nbirth());
        assertThrows(BadRecordException.class,
                () -> records.read("spBv1.0/plant1/NDATA/edge1", TahuEdgeNode.ndataWithUndeclaredAlias(2)));
        assertEquals(2, records.unknownAliases());
    }

    @Test
    void an_ndeath_forgets_the_aliases_of_the_node_and_its_devices() throws Exception {
        records.read("spBv1.0/plant1/NBIRTH/edge1", TahuEdgeNode.nbirth());
        records.read("spBv1.0/plant1/DBIRTH/edge1/pump", TahuEdgeNode.dbirthOfEveryScalarType());
        SparkplugRecords.Keyed death = records.read("spBv1.0/plant1/NDEATH/edge1", new byte[0]);
        assertEquals("NDEATH", death.value().get("messageType"));
        assertEquals(List.of(), death.value().getArray("metrics"));
        assertThrows(BadRecordException.class,
                () -> records.read("spBv1.0/plant1/NDATA/edge1", TahuEdgeNode.ndata(1, 21.0)));
    }

    @Test
    void a_device_message_is_keyed_by_its_device_and_each_datatype_lands_in_its_typed_field() throws Exception {
        SparkplugRecords.Keyed birth = records.read("spBv1.0/plant1/DBIRTH/edge1/pump",
                TahuEdgeNode.dbirthOfEveryScalarType());
        assertEquals("plant1/edge1/pump", birth.key());
        assertEquals("pump", birth.value().get("device"));
        Map<String, Struct> m = byName(birth.value());
        assertEquals(-8, m.get("i8").get("intValue"));
        assertEquals("Int8", m.get("i8").get("datatype"));
        assertEquals(-16_000, m.get("i16").get("intValue"));
        assertEquals(Integer.MIN_VALUE, m.get("i32").get("intValue"));
        assertEquals(Long.MIN_VALUE, m.get("i64").get("longValue"));
        assertEquals(255, m.get("u8").get("intValue"));
        assertEquals(65_535, m.get("u16").get("intValue"));
        assertEquals(4_294_967_295L, m.get("u32").get("longValue"));
        assertEquals("UInt64", m.get("u64").get("datatype"));
        assertEquals("18446744073709551615", Long.toUnsignedString((Long) m.get("u64").get("longValue")));
        assertEquals(1.5f, m.get("f").get("floatValue"));
        assertEquals(-2.25, m.get("d").get("doubleValue"));
        assertEquals(false, m.get("b").get("booleanValue"));
        assertEquals("grün", m.get("s").get("stringValue"));
        assertEquals(new Date(TahuEdgeNode.BIRTH_TIMESTAMP), m.get("t").get("timestampValue"));
        assertEquals("DateTime", m.get("t").get("datatype"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) m.get("bytes").get("bytesValue"));
        assertNull(m.get("d").get("longValue"), "only the datatype's own field is set");
        birth.value().validate();
    }

    @Test
    void each_array_datatype_lands_in_the_array_field_of_its_elements() throws Exception {
        Struct birth = records.read("spBv1.0/plant1/DBIRTH/edge1/pump", TahuEdgeNode.dbirthOfEveryArrayType()).value();
        birth.validate();
        Map<String, Struct> m = byName(birth);
        assertEquals(List.of(-1, 2), m.get("i8s").getArray("intArrayValue"));
        assertEquals("Int8Array", m.get("i8s").get("datatype"));
        assertEquals(List.of(-300, 300), m.get("i16s").getArray("intArrayValue"));
        assertEquals(List.of(Integer.MIN_VALUE, 5), m.get("i32s").getArray("intArrayValue"));
        assertEquals(List.of(Long.MAX_VALUE), m.get("i64s").getArray("longArrayValue"));
        assertEquals(List.of(255, 0), m.get("u8s").getArray("intArrayValue"));
        assertEquals("UInt8Array", m.get("u8s").get("datatype"));
        assertEquals(List.of(65_535), m.get("u16s").getArray("intArrayValue"));
        assertEquals(List.of(4_294_967_295L), m.get("u32s").getArray("longArrayValue"));
        assertEquals(List.of(10L), m.get("u64s").getArray("longArrayValue"));
        assertEquals(List.of(0.5f, -1f), m.get("fs").getArray("floatArrayValue"));
        assertEquals(List.of(1e300), m.get("ds").getArray("doubleArrayValue"));
        assertEquals(List.of(true, false, false, false, false, false, false, false, true, true),
                m.get("bs").getArray("booleanArrayValue"));
        assertEquals(List.of("a", "", "grün"), m.get("ss").getArray("stringArrayValue"));
        assertEquals(List.of(new Date(TahuEdgeNode.BIRTH_TIMESTAMP)), m.get("ts").getArray("timestampArrayValue"));
        assertNull(m.get("ss").get("bytesValue"));
    }

    @Test
    void state_is_read_in_the_json_of_sparkplug_3_and_the_text_of_earlier_versions() throws Exception {
        byte[] json = new ObjectMapper().writeValueAsBytes(new StatePayload(true, 1_700_000_000_123L));
        SparkplugRecords.Keyed state = records.read("spBv1.0/STATE/scada1", json);
        assertEquals("STATE/scada1", state.key());
        assertEquals("STATE", state.value().get("messageType"));
        assertEquals("scada1", state.value().get("hostId"));
        assertEquals(true, state.value().get("online"));
        assertEquals(new Date(1_700_000_000_123L), state.value().get("timestamp"));
        assertNull(state.value().get("group"));

        Struct old = records.read("STATE/scada1", "OFFLINE".getBytes(StandardCharsets.UTF_8)).value();
        assertEquals(false, old.get("online"));
        assertThrows(BadRecordException.class,
                () -> records.read("spBv1.0/STATE/scada1", "maybe".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void topics_outside_the_namespace_and_payloads_that_are_not_protobuf_are_bad_records() {
        for (String topic : List.of("sensors/1/temp", "spBv1.0/plant1/NBIRTH", "spBv1.0/plant1/DDATA/edge1",
                "spBv1.0/plant1/NFOO/edge1", "spBv1.0/plant1/NDATA/edge1/extra")) {
            assertThrows(BadRecordException.class, () -> records.read(topic, new byte[0]), topic);
        }
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> records.read("spBv1.0/plant1/NBIRTH/edge1", "{\"not\":\"protobuf\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("not a Sparkplug B protobuf payload"), e.getMessage());
    }

    /**
     * Payloads cut short or with bytes changed (seeded, so a failure repeats) are records or bad records: no other
     * exception may reach the task, which would fail it whatever errors.tolerance says.
     */
    @Test
    void damaged_payloads_are_records_or_bad_records_and_nothing_else() throws Exception {
        Random random = new Random(18);
        List<byte[]> originals = List.of(TahuEdgeNode.nbirth(), TahuEdgeNode.dbirthOfEveryScalarType(),
                TahuEdgeNode.dbirthOfEveryArrayType());
        for (int i = 0; i < 20_000; i++) {
            byte[] original = originals.get(i % originals.size());
            byte[] damaged = Arrays.copyOf(original, 1 + random.nextInt(original.length));
            for (int flips = random.nextInt(4); flips >= 0; flips--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            for (String topic : List.of("spBv1.0/g/DBIRTH/e/d", "spBv1.0/g/DDATA/e/d")) {
                try {
                    records.read(topic, damaged).value().validate();
                } catch (BadRecordException expected) {
                    // what the task hands to the error policy
                }
            }
        }
    }

    private static Map<String, Struct> byName(Struct message) {
        return message.<Struct>getArray("metrics").stream()
                .collect(Collectors.toMap(m -> m.getString("name"), Function.identity()));
    }
}

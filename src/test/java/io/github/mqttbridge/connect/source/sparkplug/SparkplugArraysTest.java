package io.github.mqttbridge.connect.source.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Array bytes that do not fit their datatype are bad records, not wrong values; the good ones are in SparkplugRecordsTest. */
class SparkplugArraysTest {
    @Test
    void a_length_that_is_no_multiple_of_the_element_width_is_refused() {
        BadRecordException e = assertThrows(BadRecordException.class,
                () -> SparkplugArrays.decode(SparkplugDataType.INT32ARRAY, new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("Int32Array of 3 bytes"), e.getMessage());
    }

    @Test
    void a_boolean_count_that_does_not_match_the_bits_is_refused() {
        assertThrows(BadRecordException.class,
                () -> SparkplugArrays.decode(SparkplugDataType.BOOLEANARRAY, new byte[] {9, 0, 0, 0, 1}));
        assertThrows(BadRecordException.class,
                () -> SparkplugArrays.decode(SparkplugDataType.BOOLEANARRAY, new byte[] {1, 0}));
    }

    @Test
    void strings_must_be_nul_terminated_utf8() throws Exception {
        assertEquals(List.of(), SparkplugArrays.decode(SparkplugDataType.STRINGARRAY, new byte[0]));
        assertThrows(BadRecordException.class,
                () -> SparkplugArrays.decode(SparkplugDataType.STRINGARRAY, new byte[] {'a', 0, 'b'}));
        assertThrows(BadRecordException.class,
                () -> SparkplugArrays.decode(SparkplugDataType.STRINGARRAY, new byte[] {(byte) 0xc3, 0x28, 0}));
    }
}

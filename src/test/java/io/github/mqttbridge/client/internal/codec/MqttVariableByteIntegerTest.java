package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;

import static io.github.mqttbridge.client.internal.codec.CodecSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MqttVariableByteIntegerTest {

    /** The boundaries of table 2.4 of MQTT 3.1.1. */
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0, 00",
        "127, 7F",
        "128, 80 01",
        "16383, FF 7F",
        "16384, 80 80 01",
        "2097151, FF FF 7F",
        "2097152, 80 80 80 01",
        "268435455, FF FF FF 7F",
    })
    void valueIsEncodedAsTheSpecTableShowsAndDecodedBack(int value, String bytes) throws MqttDecodeException {
        ByteBuffer out = ByteBuffer.allocate(4);
        MqttVariableByteInteger.encode(value, out);

        assertEquals(bytes, hex(out.flip()));
        assertEquals(out.remaining(), MqttVariableByteInteger.encodedSize(value));
        assertEquals(value, MqttVariableByteInteger.decode(out));
        assertEquals(0, out.remaining());
    }

    @Test
    void integerCutShortAskForMoreBytes() throws MqttDecodeException {
        assertEquals(MqttVariableByteInteger.NOT_ENOUGH_BYTES, MqttVariableByteInteger.decode(ByteBuffer.allocate(0)));
        assertEquals(MqttVariableByteInteger.NOT_ENOUGH_BYTES,
                MqttVariableByteInteger.decode(ByteBuffer.wrap(CodecSamples.hex("FF FF FF"))));
    }

    @Test
    void fifthContinuationByteIsMalformed() {
        MqttDecodeException e = assertThrows(MqttDecodeException.class,
                () -> MqttVariableByteInteger.decode(ByteBuffer.wrap(CodecSamples.hex("FF FF FF FF 01"))));
        assertTrue(e.getMessage().contains("malformed remaining length: more than 4 bytes"), e.getMessage());
    }

    @Test
    void valueAboveTheMaximumCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class,
                () -> MqttVariableByteInteger.encode(268_435_456, ByteBuffer.allocate(8)));
        assertThrows(IllegalArgumentException.class, () -> MqttVariableByteInteger.encodedSize(-1));
    }
}

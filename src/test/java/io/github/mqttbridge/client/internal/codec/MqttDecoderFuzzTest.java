package io.github.mqttbridge.client.internal.codec;

import io.github.mqttbridge.client.internal.datatypes.MqttVariableByteInteger;
import io.github.mqttbridge.client.internal.datatypes.MqttDecodeException;
import io.github.mqttbridge.client.internal.codec.packet.MqttPacket;
import io.github.mqttbridge.client.internal.codec.packet.PublishPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds random bytes and mutations of valid packets to the decoder of each direction of each version. Whatever the input, it may
 * only return packets, return null or throw {@link MqttDecodeException}, and never allocate far beyond its maximum
 * packet size.
 */
class MqttDecoderFuzzTest {
    private static final long SEED = 0x5EED_C0DECL;
    private static final int ITERATIONS = 100_000;
    private static final int MAX_PACKET_SIZE = 64 * 1024;
    /**
     * A decoded packet holds at most MAX_PACKET_SIZE bytes of data, which as Java strings may take two bytes per
     * char, plus lists and boxes for the many tiny SUBACK codes or filters: well under this bound. Allocating from
     * an unchecked length would blow through it.
     */
    private static final long MAX_ALLOCATION_PER_DECODE = 16L * MAX_PACKET_SIZE;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static List<PacketRoute> routes() {
        return PacketRoute.all();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void anyInputYieldsOnlyPacketsNullOrMqttDecodeException(PacketRoute direction) {
        System.out.println("MqttDecoderFuzzTest " + direction + " seed: 0x" + Long.toHexString(SEED));
        assertTrue(threads.isThreadAllocatedMemorySupported(), "the allocation check needs HotSpot's counter");
        Random random = new Random(SEED);
        MqttDecoder decoder = direction.decoder(MAX_PACKET_SIZE);
        List<byte[]> valid = validEncodings(direction);
        int packets = 0;
        int rejected = 0;

        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = i % 10 == 0 ? randomBytes(random) : mutate(valid.get(random.nextInt(valid.size())), random);
            try {
                packets += decodeAll(decoder, input);
            } catch (MqttDecodeException expected) {
                rejected++;
            }
        }

        System.out.println("MqttDecoderFuzzTest " + direction + ": " + ITERATIONS + " inputs, " + packets + " packets, " + rejected
                + " rejected");
        // Guards the generator: mostly-rejected or mostly-accepted input would test only one side.
        assertTrue(packets > ITERATIONS / 10 && rejected > ITERATIONS / 10, packets + " packets, " + rejected + " rejected");
    }

    private int decodeAll(MqttDecoder decoder, byte[] input) throws MqttDecodeException {
        ByteBuffer in = ByteBuffer.wrap(input);
        int count = 0;
        while (true) {
            long before = threads.getCurrentThreadAllocatedBytes();
            MqttPacket packet;
            try {
                packet = decoder.decode(in);
            } catch (MqttDecodeException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed 0x" + Long.toHexString(SEED) + ", input " + hex(input) + ": " + e, e);
            } finally {
                // Also on rejection: allocating from the announced length before checking it is the bug to catch.
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (allocated > MAX_ALLOCATION_PER_DECODE) {
                    fail("decoding allocated " + allocated + " bytes, seed 0x" + Long.toHexString(SEED) + ", input "
                            + hex(input));
                }
            }
            if (packet == null) {
                return count;
            }
            count++;
        }
    }

    private static List<byte[]> validEncodings(PacketRoute direction) {
        // The 200 kB sample is over this decoder's maximum; a payload near the maximum stands in for it.
        List<byte[]> encodings = CodecSamples.sentIn(direction).stream()
                .filter(p -> direction.encoders().encodedSize(p) <= MAX_PACKET_SIZE)
                .map(direction::bytes)
                .collect(Collectors.toList());
        encodings.add(direction.bytes(new PublishPacket("big", new byte[MAX_PACKET_SIZE - 16], 1, false, false, 9)));
        return encodings;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(64)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            b = switch (random.nextInt(7)) {
                case 0 -> flipBit(b, random);
                case 1 -> setByte(b, random);
                case 2 -> Arrays.copyOf(b, random.nextInt(b.length + 1));
                case 3 -> insert(b, random);
                case 4 -> duplicate(b, random);
                case 5 -> announceLength(b, random);
                default -> b.clone();
            };
        }
        return b;
    }

    private static byte[] flipBit(byte[] b, Random random) {
        byte[] c = b.clone();
        if (c.length > 0) {
            // Most checks sit in the first bytes; aim half of the flips there.
            int i = random.nextBoolean() ? random.nextInt(Math.min(c.length, 16)) : random.nextInt(c.length);
            c[i] ^= (byte) (1 << random.nextInt(8));
        }
        return c;
    }

    private static byte[] setByte(byte[] b, Random random) {
        byte[] c = b.clone();
        if (c.length > 0) {
            c[random.nextInt(Math.min(c.length, 32))] = (byte) random.nextInt(256);
        }
        return c;
    }

    private static byte[] insert(byte[] b, Random random) {
        int at = random.nextInt(b.length + 1);
        byte[] extra = new byte[1 + random.nextInt(4)];
        random.nextBytes(extra);
        byte[] c = new byte[b.length + extra.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(extra, 0, c, at, extra.length);
        System.arraycopy(b, at, c, at + extra.length, b.length - at);
        return c;
    }

    private static byte[] duplicate(byte[] b, Random random) {
        int from = random.nextInt(b.length + 1);
        int to = from + random.nextInt(b.length - from + 1);
        byte[] c = Arrays.copyOf(b, b.length + to - from);
        System.arraycopy(b, from, c, b.length, to - from);
        return c;
    }

    /** Rewrites the remaining length, keeping the body: claims of more bytes than present or than allowed. */
    private static byte[] announceLength(byte[] b, Random random) {
        if (b.length < 2) {
            return b.clone();
        }
        int headerEnd = 1;
        while (headerEnd < b.length && headerEnd < 5 && (b[headerEnd] & 0x80) != 0) {
            headerEnd++;
        }
        int length = random.nextBoolean() ? random.nextInt(MqttVariableByteInteger.MAX_VALUE + 1) : random.nextInt(64);
        ByteBuffer c = ByteBuffer.allocate(b.length + 5);
        c.put(b[0]);
        MqttVariableByteInteger.encode(length, c);
        int bodyFrom = Math.min(headerEnd + 1, b.length);
        c.put(b, bodyFrom, b.length - bodyFrom);
        return Arrays.copyOf(c.array(), c.position());
    }

    private static String hex(byte[] input) {
        byte[] shown = Arrays.copyOf(input, Math.min(input.length, 256));
        return HexFormat.of().formatHex(shown) + (input.length > shown.length ? "... (" + input.length + " bytes)" : "");
    }
}

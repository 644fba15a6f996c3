package io.github.mqttbridge.client.internal.persistence;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session store as an append-only log. Each record is {@code [length][CRC32C][type][fields]}; on open the log is
 * replayed up to the first record that is incomplete or fails its checksum (what a crash mid-write leaves), and
 * cut there. Every record is written to the operating system before the call returns, so a killed process loses
 * nothing; it reaches the disk on the OS's schedule unless {@code sync} forces each write. When the log has grown
 * well beyond the live state, it is rewritten: a snapshot goes to a temporary file, is synced, and replaces the
 * log by an atomic rename, so a crash during compaction leaves either the old log or the new one.
 */
final class FileSessionStore implements SessionStore {
    private static final Logger log = LoggerFactory.getLogger(FileSessionStore.class);

    private static final byte ACCEPTED = 1;
    private static final byte STARTED = 2;
    private static final byte RELEASED = 3;
    private static final byte DONE = 4;
    private static final byte IN_RECEIVED = 5;
    private static final byte IN_RELEASED = 6;
    private static final byte CLEAR_INBOUND = 7;
    /** ACCEPTED with the message's MQTT 5 properties after its payload. */
    private static final byte ACCEPTED_5 = 8;
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 256 * 1024 * 1024 + 1024;
    private static final int MIN_RECORDS_BEFORE_COMPACTION = 10_000;

    private final Path file;
    private final boolean sync;
    private final Map<Long, StoredPublish> outbound = new LinkedHashMap<>();
    private final Set<Integer> inbound = new HashSet<>();
    private final CRC32C crc = new CRC32C();
    private FileChannel channel;
    private long recordsSinceCompaction;

    FileSessionStore(Path file, boolean sync) throws IOException {
        this.file = file;
        this.sync = sync;
        replay();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void replay() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        long valid = 0;
        while (data.remaining() >= HEADER) {
            int start = data.position();
            int length = data.getInt();
            int checksum = data.getInt();
            if (length < 1 || length > MAX_RECORD || length > data.remaining()) {
                break;
            }
            crc.reset();
            crc.update(data.array(), data.position(), length);
            if ((int) crc.getValue() != checksum) {
                break;
            }
            ByteBuffer body = data.slice(data.position(), length);
            data.position(data.position() + length);
            try {
                apply(body);
            } catch (RuntimeException malformed) {
                data.position(start);
                break;
            }
            valid = data.position();
            recordsSinceCompaction++;
        }
        if (valid < data.capacity()) {
            log.warn("Session log {} ends in {} bytes of an incomplete or damaged record (a crash while writing);"
                    + " dropping them", file, data.capacity() - valid);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(valid);
            }
        }
    }

    private void apply(ByteBuffer body) {
        byte type = body.get();
        switch (type) {
            case ACCEPTED, ACCEPTED_5 -> {
                long seq = body.getLong();
                int qos = body.get();
                boolean retain = body.get() != 0;
                byte[] topic = new byte[body.getInt()];
                body.get(topic);
                byte[] payload = new byte[body.getInt()];
                body.get(payload);
                MqttProperties properties = type == ACCEPTED_5 ? StoredProperties.read(body) : MqttProperties.EMPTY;
                outbound.put(seq, new StoredPublish(seq, 0, false, new String(topic, StandardCharsets.UTF_8),
                        payload, qos, retain, properties));
            }
            case STARTED -> {
                long seq = body.getLong();
                int id = body.getInt();
                outbound.computeIfPresent(seq, (k, p) -> p.started(id));
            }
            case RELEASED -> outbound.computeIfPresent(body.getLong(), (k, p) -> p.released(true));
            case DONE -> outbound.remove(body.getLong());
            case IN_RECEIVED -> inbound.add(body.getInt());
            case IN_RELEASED -> inbound.remove(body.getInt());
            case CLEAR_INBOUND -> inbound.clear();
            default -> throw new IllegalStateException("unknown record type " + type);
        }
    }

    @Override
    public Contents load() {
        return new Contents(new ArrayList<>(outbound.values()), new HashSet<>(inbound));
    }

    @Override
    public void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain,
                                 MqttProperties properties) {
        record(accepted(new StoredPublish(sequence, 0, false, topic, payload, qos, retain, properties)));
    }

    /** The ACCEPTED record of a message, unflipped; ACCEPTED_5 when it has MQTT 5 properties. */
    private static ByteBuffer accepted(StoredPublish p) {
        byte[] topic = p.topic().getBytes(StandardCharsets.UTF_8);
        boolean v5 = !p.properties().isEmpty();
        ByteBuffer body = ByteBuffer.allocate(1 + 8 + 2 + 4 + topic.length + 4 + p.payload().length
                + (v5 ? StoredProperties.size(p.properties()) : 0));
        body.put(v5 ? ACCEPTED_5 : ACCEPTED).putLong(p.sequence()).put((byte) p.qos()).put((byte) (p.retain() ? 1 : 0))
                .putInt(topic.length).put(topic).putInt(p.payload().length).put(p.payload());
        if (v5) {
            StoredProperties.write(p.properties(), body);
        }
        return body;
    }

    @Override
    public void outboundStarted(long sequence, int packetId) {
        record(ByteBuffer.allocate(13).put(STARTED).putLong(sequence).putInt(packetId));
    }

    @Override
    public void outboundReleased(long sequence) {
        record(ByteBuffer.allocate(9).put(RELEASED).putLong(sequence));
    }

    @Override
    public void outboundDone(long sequence) {
        record(ByteBuffer.allocate(9).put(DONE).putLong(sequence));
    }

    @Override
    public void inboundReceived(int packetId) {
        record(ByteBuffer.allocate(5).put(IN_RECEIVED).putInt(packetId));
    }

    @Override
    public void inboundReleased(int packetId) {
        record(ByteBuffer.allocate(5).put(IN_RELEASED).putInt(packetId));
    }

    @Override
    public void clearInbound() {
        record(ByteBuffer.allocate(1).put(CLEAR_INBOUND));
    }

    /** Applies the change to the live state and appends it to the log. */
    private void record(ByteBuffer body) {
        body.flip();
        apply(body.duplicate());
        try {
            write(channel, body);
            if (sync) {
                channel.force(false);
            }
            recordsSinceCompaction++;
            if (recordsSinceCompaction > MIN_RECORDS_BEFORE_COMPACTION
                    && recordsSinceCompaction > 4L * (outbound.size() * 3L + inbound.size())) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the session log " + file, e);
        }
    }

    private void write(FileChannel target, ByteBuffer body) throws IOException {
        crc.reset();
        crc.update(body.array(), 0, body.limit());
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(body.limit()).putInt((int) crc.getValue()).flip();
        ByteBuffer[] both = {header, body};
        while (header.hasRemaining() || body.hasRemaining()) {
            target.write(both);
        }
    }

    /** Rewrites the log as the live state alone. */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (StoredPublish p : outbound.values()) {
                write(out, accepted(p).flip());
                if (p.packetId() != 0) {
                    write(out, ByteBuffer.allocate(13).put(STARTED).putLong(p.sequence()).putInt(p.packetId()).flip());
                }
                if (p.released()) {
                    write(out, ByteBuffer.allocate(9).put(RELEASED).putLong(p.sequence()).flip());
                }
            }
            for (int id : inbound) {
                write(out, ByteBuffer.allocate(5).put(IN_RECEIVED).putInt(id).flip());
            }
            out.force(true);
        }
        channel.close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        recordsSinceCompaction = 0;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Could not close the session log {}: {}", file, e.getMessage());
        }
    }
}

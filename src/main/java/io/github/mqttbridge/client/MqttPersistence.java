package io.github.mqttbridge.client;

import io.github.mqttbridge.client.internal.persistence.FilePersistence;
import io.github.mqttbridge.client.internal.persistence.MemoryPersistence;
import io.github.mqttbridge.client.internal.persistence.SessionStoreFactory;
import java.nio.file.Path;

/**
 * Where the client keeps session state that must survive it: unacknowledged outbound QoS 1 and 2 messages and
 * inbound QoS 2 state. Without one, the session lives in the client object and ends with it; {@link #memory()}
 * keeps it for the life of the JVM, so a new client object with the same id takes it over; {@link #file(Path)}
 * keeps it on disk, so that a restarted process with the same client id sends again what the broker had not
 * acknowledged.
 */
public final class MqttPersistence {
    private final SessionStoreFactory stores;

    private MqttPersistence(SessionStoreFactory stores) {
        this.stores = stores;
    }

    /** State kept in this JVM only: it survives a reconnect and a new client with the same id, not a restart. */
    public static MqttPersistence memory() {
        return new MqttPersistence(new MemoryPersistence());
    }

    /**
     * State kept in files under {@code directory}, one per client id: an append-only log with a checksum per
     * record, written through to the operating system before a message is sent, so a killed process loses
     * nothing; a torn last record (a crash mid-write) is detected and dropped. Not synced to the disk per
     * message: a power loss can lose the last writes. Use {@link #file(Path, boolean)} to sync each write.
     */
    public static MqttPersistence file(Path directory) {
        return file(directory, false);
    }

    /** As {@link #file(Path)}; with {@code syncEveryWrite} each record is forced to the disk (fsync) before use. */
    public static MqttPersistence file(Path directory, boolean syncEveryWrite) {
        return new MqttPersistence(new FilePersistence(directory, syncEveryWrite));
    }

    /** Persistence in stores of the engine's kind; for tests that watch what a client stores. */
    static MqttPersistence of(SessionStoreFactory stores) {
        return new MqttPersistence(stores);
    }

    /** Where the stores live; a store is used by one client at a time. */
    SessionStoreFactory stores() {
        return stores;
    }

    @Override
    public String toString() {
        return stores.toString();
    }
}

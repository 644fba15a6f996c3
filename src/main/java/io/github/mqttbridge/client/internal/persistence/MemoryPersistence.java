package io.github.mqttbridge.client.internal.persistence;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Session state in this JVM's memory, by client id: it outlives a client object, not the process. */
public final class MemoryPersistence implements SessionStoreFactory {
    private final Map<String, MemoryStore> stores = new ConcurrentHashMap<>();

    @Override
    public SessionStore open(String clientId) {
        return stores.computeIfAbsent(clientId, id -> new MemoryStore());
    }

    @Override
    public String toString() {
        return "memory";
    }

    private static final class MemoryStore implements SessionStore {
        private final Map<Long, StoredPublish> outbound = new LinkedHashMap<>();
        private final Set<Integer> inbound = new HashSet<>();

        @Override
        public synchronized Contents load() {
            return new Contents(new ArrayList<>(outbound.values()), new HashSet<>(inbound));
        }

        @Override
        public synchronized void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain,
                                                  MqttProperties properties) {
            outbound.put(sequence, new StoredPublish(sequence, 0, false, topic, payload, qos, retain, properties));
        }

        @Override
        public synchronized void outboundStarted(long sequence, int packetId) {
            outbound.computeIfPresent(sequence, (k, p) -> p.started(packetId));
        }

        @Override
        public synchronized void outboundReleased(long sequence) {
            outbound.computeIfPresent(sequence, (k, p) -> p.released(true));
        }

        @Override
        public synchronized void outboundDone(long sequence) {
            outbound.remove(sequence);
        }

        @Override
        public synchronized void inboundReceived(int packetId) {
            inbound.add(packetId);
        }

        @Override
        public synchronized void inboundReleased(int packetId) {
            inbound.remove(packetId);
        }

        @Override
        public synchronized void clearInbound() {
            inbound.clear();
        }

        @Override
        public void close() {
        }
    }
}

package io.github.mqttbridge.client.internal.persistence;

import io.github.mqttbridge.client.internal.codec.packet.MqttProperties;
import java.util.List;
import java.util.Set;

/**
 * The store of a client given no persistence: its session lives in the client's own flows and ends with it, so
 * there is nothing to copy anywhere, and nothing to restore.
 */
public final class TransientSessionStore implements SessionStore {
    @Override
    public Contents load() {
        return new Contents(List.of(), Set.of());
    }

    @Override
    public void outboundAccepted(long sequence, String topic, byte[] payload, int qos, boolean retain,
                                 MqttProperties properties) {
    }

    @Override
    public void outboundStarted(long sequence, int packetId) {
    }

    @Override
    public void outboundReleased(long sequence) {
    }

    @Override
    public void outboundDone(long sequence) {
    }

    @Override
    public void inboundReceived(int packetId) {
    }

    @Override
    public void inboundReleased(int packetId) {
    }

    @Override
    public void clearInbound() {
    }

    @Override
    public void close() {
    }
}

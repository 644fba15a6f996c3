package io.github.mqttbridge.client.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SUBSCRIBE and UNSUBSCRIBE requests awaiting their SUBACK or UNSUBACK, by packet id. Valid for one connection:
 * a request whose connection is lost is not resent, its caller is told. Not thread-safe: the client guards it
 * with its session lock.
 *
 * @param <T> what the caller keeps per request
 */
public final class PendingRequests<T> {
    private final PacketIdPool ids;
    private final Map<Integer, T> pending = new HashMap<>();

    public PendingRequests(PacketIdPool ids) {
        this.ids = ids;
    }

    /** Allocates a packet id for a new request, or returns 0 when none is free. */
    public int add(T request) {
        int id = ids.allocate();
        if (id != 0) {
            pending.put(id, request);
        }
        return id;
    }

    /** Takes the request an acknowledgement answers; {@code what} names the ack for the error message. */
    public T complete(int packetId, String what) throws ProtocolViolationException {
        T request = pending.remove(packetId);
        if (request == null) {
            throw new ProtocolViolationException(what + " for packet id " + packetId + ", which no request is waiting for");
        }
        ids.release(packetId);
        return request;
    }

    /** Takes a request that gave up waiting; null if its answer came first. */
    public T remove(int packetId) {
        T request = pending.remove(packetId);
        if (request != null) {
            ids.release(packetId);
        }
        return request;
    }

    /** Takes every request, for a connection that ended. */
    public List<T> clear() {
        List<T> all = new ArrayList<>(pending.values());
        pending.keySet().forEach(ids::release);
        pending.clear();
        return all;
    }
}

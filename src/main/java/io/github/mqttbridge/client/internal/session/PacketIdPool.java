package io.github.mqttbridge.client.internal.session;

import java.util.BitSet;

/**
 * Packet identifiers of one session: 1 to 65535, never 0 [MQTT-2.3.1-1], and never one still in use by an
 * unfinished flow [MQTT-2.3.1-2]. Ids are handed out round-robin so that a just-freed id is not reused at once,
 * which keeps a late acknowledgement from a previous flow from matching a new one.
 */
public final class PacketIdPool {
    public static final int MAX_ID = 65535;

    private final BitSet inUse = new BitSet(MAX_ID + 1);
    private int next = 1;
    private int used;

    /** The next free id, or 0 when all 65535 are in use. */
    public int allocate() {
        if (used == MAX_ID) {
            return 0;
        }
        int id = inUse.nextClearBit(next);
        if (id > MAX_ID) {
            id = inUse.nextClearBit(1);
        }
        inUse.set(id);
        used++;
        next = id == MAX_ID ? 1 : id + 1;
        return id;
    }

    /** Marks an id as taken, for state restored from an earlier connection or process. */
    public void claim(int id) {
        if (!inUse.get(id)) {
            inUse.set(id);
            used++;
        }
    }

    public void release(int id) {
        if (inUse.get(id)) {
            inUse.clear(id);
            used--;
        }
    }

    public int inUse() {
        return used;
    }
}

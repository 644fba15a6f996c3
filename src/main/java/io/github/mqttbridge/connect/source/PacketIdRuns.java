package io.github.mqttbridge.connect.source;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of MQTT packet ids kept as runs of consecutive ids, written {@code "1-20,25,31-33"}. Brokers hand out ids in
 * sequence and release them mostly in order, so the ids a task holds form a few runs however many there are: adding,
 * removing and writing the set out for every record's offset stay cheap. Not thread-safe.
 */
final class PacketIdRuns {
    private static final int MAX_PACKET_ID = 65_535;

    /** First id of each run to its last. */
    private final TreeMap<Integer, Integer> runs = new TreeMap<>();

    /** The ids of a text {@link #toString} wrote; an {@link IllegalArgumentException} naming the part it cannot read. */
    static PacketIdRuns parse(String text) {
        PacketIdRuns ids = new PacketIdRuns();
        if (text.isBlank()) {
            return ids;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int first = packetId(dash < 0 ? part : part.substring(0, dash), text);
            int last = dash < 0 ? first : packetId(part.substring(dash + 1), text);
            if (last < first) {
                throw new IllegalArgumentException("packet id run '" + part + "' in '" + text + "' runs backwards");
            }
            for (int id = first; id <= last; id++) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static int packetId(String digits, String text) {
        try {
            int id = Integer.parseInt(digits.trim());
            if (id >= 1 && id <= MAX_PACKET_ID) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below, with the whole text
        }
        throw new IllegalArgumentException("'" + digits + "' in '" + text + "' is not an MQTT packet id (1-65535)");
    }

    void add(int id) {
        Map.Entry<Integer, Integer> below = runs.floorEntry(id);
        if (below != null && below.getValue() >= id) {
            return;
        }
        Integer nextRunLast = runs.remove(id + 1);
        int first = below != null && below.getValue() == id - 1 ? below.getKey() : id;
        runs.put(first, nextRunLast != null ? nextRunLast : id);
    }

    /** Whether the id was in the set. */
    boolean remove(int id) {
        Map.Entry<Integer, Integer> run = runs.floorEntry(id);
        if (run == null || run.getValue() < id) {
            return false;
        }
        int first = run.getKey();
        int last = run.getValue();
        runs.remove(first);
        if (first < id) {
            runs.put(first, id - 1);
        }
        if (id < last) {
            runs.put(id + 1, last);
        }
        return true;
    }

    void clear() {
        runs.clear();
    }

    Set<Integer> toSet() {
        Set<Integer> ids = new TreeSet<>();
        runs.forEach((first, last) -> {
            for (int id = first; id <= last; id++) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        runs.forEach((first, last) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(first);
            if (!last.equals(first)) {
                text.append('-').append(last);
            }
        });
        return text.toString();
    }
}

package io.github.mqttbridge.connect.source;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * MQTT packet ids as text for a source offset: ascending, runs joined, {@code "1-20,25,31-33"}. Brokers hand out
 * ids in sequence, so the ids a task holds are mostly runs and the text stays short however many there are.
 */
final class PacketIdRanges {
    private PacketIdRanges() {
    }

    static String format(SortedSet<Integer> ids) {
        StringBuilder text = new StringBuilder();
        int runStart = -1;
        int previous = -1;
        for (int id : ids) {
            if (id != previous + 1 && runStart != -1) {
                appendRun(text, runStart, previous);
                runStart = -1;
            }
            if (runStart == -1) {
                runStart = id;
            }
            previous = id;
        }
        if (runStart != -1) {
            appendRun(text, runStart, previous);
        }
        return text.toString();
    }

    private static void appendRun(StringBuilder text, int first, int last) {
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(first);
        if (last != first) {
            text.append('-').append(last);
        }
    }

    /** The ids of a text {@link #format} wrote; an {@link IllegalArgumentException} naming the part it cannot read. */
    static SortedSet<Integer> parse(String text) {
        SortedSet<Integer> ids = new TreeSet<>();
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
            if (id >= 1 && id <= 65_535) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below, with the whole text
        }
        throw new IllegalArgumentException("'" + digits + "' in '" + text + "' is not an MQTT packet id (1-65535)");
    }
}

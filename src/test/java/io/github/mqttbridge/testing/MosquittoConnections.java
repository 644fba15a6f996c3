package io.github.mqttbridge.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connections a {@link MosquittoBroker} logged (it runs with {@code connection_messages true}), replayed in
 * log order: how often each client id connected, and every moment the broker had, or was about to have, two live
 * connections with one client id. Mosquitto never keeps two: a CONNECT with the id of a live connection makes it
 * close the old one and log "Client X already connected, closing old connection" (a session takeover), so a
 * takeover line is the trace of two clients using one id at the same time.
 */
public final class MosquittoConnections {

    private static final Pattern CONNECTED = Pattern.compile("New client connected from \\S+ as (\\S+) \\(");
    private static final Pattern TAKEOVER = Pattern.compile("Client (\\S+) already connected, closing old connection");
    private static final Pattern GONE = Pattern.compile(
            "Client (\\S+) (?:closed its connection|disconnected|has exceeded timeout)|Socket error on client (\\S+),");

    private final Map<String, Integer> connects = new LinkedHashMap<>();
    private final Map<String, Integer> takeovers = new LinkedHashMap<>();
    private final Map<String, Integer> overlaps = new LinkedHashMap<>();

    private MosquittoConnections(List<String> lines, Predicate<String> clientIds) {
        Set<String> live = new HashSet<>();
        String takenOver = null;
        for (String line : lines) {
            Matcher takeover = TAKEOVER.matcher(line);
            Matcher connected = CONNECTED.matcher(line);
            Matcher gone = GONE.matcher(line);
            if (takeover.find() && clientIds.test(takeover.group(1))) {
                takeovers.merge(takeover.group(1), 1, Integer::sum);
                takenOver = takeover.group(1);
            } else if (connected.find() && clientIds.test(connected.group(1))) {
                String id = connected.group(1);
                connects.merge(id, 1, Integer::sum);
                // A takeover logs its own line first; without one, a second live connection went unnoticed.
                if (!live.add(id) && !id.equals(takenOver)) {
                    overlaps.merge(id, 1, Integer::sum);
                }
                takenOver = null;
            } else if (gone.find()) {
                live.remove(gone.group(1) != null ? gone.group(1) : gone.group(2));
            }
        }
    }

    /** The connections in {@code log} of the client ids {@code clientIds} accepts. */
    public static MosquittoConnections of(String log, Predicate<String> clientIds) {
        return new MosquittoConnections(log.lines().toList(), clientIds);
    }

    /** Accepted CONNECTs per client id, in order of first appearance. */
    public Map<String, Integer> connects() {
        return Map.copyOf(connects);
    }

    /** Session takeovers per client id: a CONNECT while a connection with that id was still live. */
    public Map<String, Integer> takeovers() {
        return Map.copyOf(takeovers);
    }

    /** Client ids the log shows connected twice without a disconnect or takeover between: must stay empty. */
    public Map<String, Integer> overlaps() {
        return Map.copyOf(overlaps);
    }

    /** Takeovers and overlaps together: each is a time the broker saw two live connections with one id. */
    public int duplicateLiveConnections() {
        return takeovers.values().stream().mapToInt(Integer::intValue).sum()
                + overlaps.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return "connects " + connects + ", takeovers " + takeovers + ", overlaps " + overlaps;
    }
}

package io.github.mqttbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the MQTT packets a {@link FaultInjectionProxy} forwards in both directions ({@link
 * FaultInjectionProxy#tap}), and stops one direction of a connection at a chosen packet: the packet-level faults
 * that exactly-once tests need, such as "the client dies right after the broker's PUBLISH reached it", "the
 * client's PUBREC never reaches the broker" or "the client dies right after its PUBCOMP got through".
 *
 * <pre>{@code
 * MqttPacketTap tap = new MqttPacketTap();
 * FaultInjectionProxy proxy = FaultInjectionProxy.to(broker.tcpUri()).tap(tap);
 * // the connection's next PUBREL stays in the proxy, and so does all the broker sends after it
 * tap.holdFrom(Direction.TO_CLIENT, p -> p.is(MqttPacketTap.PUBREL), p -> worker.kill()).await(timeout);
 * }</pre>
 *
 * <p>The proxy forwards whole packets only, so a packet is never half through when its direction is held. Held
 * packets are counted and recorded, but dropped, never forwarded, and no watch fires on them: the connection is
 * expected to die (a kill, a cut, the broker's end) while held, as if the sender had died before writing them,
 * or the receiver before reading them. Only plain TCP: the tap must see MQTT, not TLS or WebSocket frames. The
 * packet id sits where MQTT 3.1.1 and 5 both put it, so either version works.
 */
public final class MqttPacketTap {

    public static final int CONNECT = 1;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    private static final String[] NAMES = {"RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL",
        "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"};
    private static final int HISTORY = 40;

    public enum Direction { TO_BROKER, TO_CLIENT }

    /**
     * One control packet as it passed: {@code packetId} is -1 for a packet without one (a QoS 0 PUBLISH, PINGREQ),
     * {@code topic} null but for PUBLISH, {@code clientId} the one the connection's CONNECT gave (null before it),
     * and {@code number} counts this direction's packets of this type through the tap, all connections together,
     * from 1: the third PUBREC to the broker has number 3.
     */
    public record Packet(Direction direction, int type, int packetId, int qos, boolean duplicate, String topic,
                         String clientId, long number) {
        public boolean is(int packetType) {
            return type == packetType;
        }

        @Override
        public String toString() {
            return (direction == Direction.TO_BROKER ? "-> " : "<- ") + NAMES[type] + " #" + number
                    + (packetId >= 0 ? " id " + packetId : "") + (type == PUBLISH ? " qos " + qos
                    + (duplicate ? " dup" : "") + " " + topic : "");
        }
    }

    /** A packet the tap waits for, with what it does when it comes; it fires once. */
    public static final class Watch {
        private final Direction direction;
        private final Predicate<Packet> match;
        private final boolean hold;
        private final Consumer<Packet> then;
        private final CompletableFuture<Packet> fired = new CompletableFuture<>();

        private Watch(Direction direction, Predicate<Packet> match, boolean hold, Consumer<Packet> then) {
            this.direction = direction;
            this.match = match;
            this.hold = hold;
            this.then = then;
        }

        /** The packet, once it came and the watch's action ran; fails with what the action threw. */
        public Packet await(Duration within) {
            try {
                return fired.get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no " + (hold ? "packet to hold" : "packet") + " going " + direction
                        + " came within " + within, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the action on the watched packet failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void fire(Packet packet) {
            try {
                then.accept(packet);
                fired.complete(packet);
            } catch (RuntimeException | Error e) {
                fired.completeExceptionally(e);
            }
        }
    }

    private final List<Watch> armed = new ArrayList<>();
    private final Map<Direction, long[]> counts = new EnumMap<>(Map.of(
            Direction.TO_BROKER, new long[NAMES.length], Direction.TO_CLIENT, new long[NAMES.length]));
    private final Deque<Packet> history = new ArrayDeque<>();
    private final Set<Link> live = ConcurrentHashMap.newKeySet();

    /**
     * From the first packet going {@code direction} that {@code match} accepts, that direction of its connection
     * forwards nothing more; {@code then} runs on the proxy's thread as soon as the packet is seen, before any later
     * packet of that direction is read.
     */
    public Watch holdFrom(Direction direction, Predicate<Packet> match, Consumer<Packet> then) {
        return arm(new Watch(direction, match, true, then));
    }

    /**
     * {@code then} runs on the proxy's thread right after the first packet going {@code direction} that {@code
     * match} accepts was forwarded, before any later packet of that direction is.
     */
    public Watch afterForwarding(Direction direction, Predicate<Packet> match, Consumer<Packet> then) {
        return arm(new Watch(direction, match, false, then));
    }

    /** Takes back a watch that has not fired, so that it cannot fire on a later packet or connection. */
    public synchronized void disarm(Watch watch) {
        armed.remove(watch);
    }

    /**
     * QoS 2 PUBLISHes forwarded to the client on the connections still open whose PUBCOMP has not gone back to the
     * broker: zero when the client has completed every QoS 2 flow the broker started with it.
     */
    public int openQos2Flows() {
        return live.stream().mapToInt(Link::openQos2Flows).sum();
    }

    /**
     * PUBRELs forwarded to the client on the connections still open whose PUBCOMP has not gone back to the broker:
     * zero when the broker knows of every release the client completed.
     */
    public int unansweredReleases() {
        return live.stream().mapToInt(Link::unansweredReleases).sum();
    }

    /** How many packets of {@code type} went {@code direction} through the tap so far, held ones included. */
    public synchronized long seen(Direction direction, int type) {
        return counts.get(direction)[type];
    }

    /** The last packets through the tap, oldest first, one a line: for a failure's message. */
    public synchronized String recent() {
        StringBuilder lines = new StringBuilder();
        history.forEach(p -> lines.append(p).append('\n'));
        return lines.toString();
    }

    private synchronized Watch arm(Watch watch) {
        armed.add(watch);
        return watch;
    }

    /** Counts and records the packet, and takes the first armed watch of that kind it matches, if any. */
    private synchronized Watch passing(Packet packet, boolean hold) {
        for (Iterator<Watch> it = armed.iterator(); it.hasNext(); ) {
            Watch watch = it.next();
            if (watch.hold == hold && watch.direction == packet.direction && watch.match.test(packet)) {
                it.remove();
                return watch;
            }
        }
        return null;
    }

    private synchronized Packet count(Link link, Direction direction, int type, int packetId, int qos,
                                      boolean duplicate, String topic) {
        Packet packet = new Packet(direction, type, packetId, qos, duplicate, topic, link.clientId,
                ++counts.get(direction)[type]);
        history.addLast(packet);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        return packet;
    }

    /** One proxied connection: its two directions and the QoS 2 flows open on it. */
    Link link() {
        Link link = new Link();
        live.add(link);
        return link;
    }

    final class Link {
        private final Set<Integer> openQos2 = ConcurrentHashMap.newKeySet();
        private final Set<Integer> released = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;
        private volatile String clientId;
        final Flow toBroker = new Flow(Direction.TO_BROKER, this);
        final Flow toClient = new Flow(Direction.TO_CLIENT, this);

        void close() {
            closed = true;
            live.remove(this);
        }

        private int openQos2Flows() {
            return openQos2.size();
        }

        private int unansweredReleases() {
            return released.size();
        }

        private void forwarded(Packet packet) {
            if (packet.direction == Direction.TO_CLIENT && packet.is(PUBLISH) && packet.qos == 2) {
                openQos2.add(packet.packetId);
            } else if (packet.direction == Direction.TO_CLIENT && packet.is(PUBREL)) {
                released.add(packet.packetId);
            } else if (packet.direction == Direction.TO_BROKER && packet.is(PUBCOMP)) {
                openQos2.remove(packet.packetId);
                released.remove(packet.packetId);
            }
        }
    }

    /** One direction of one connection: cuts its bytes into packets and forwards them, or holds from a packet on. */
    final class Flow {
        private final Direction direction;
        private final Link link;
        private byte[] pending = new byte[0];
        private boolean held;

        private Flow(Direction direction, Link link) {
            this.direction = direction;
            this.link = link;
        }

        /**
         * Takes the next bytes read from the connection and writes to {@code out} every whole packet among them
         * that may pass; the tail of an unfinished packet waits for the next bytes.
         */
        void forward(byte[] buffer, int length, OutputStream out) throws IOException {
            if (link.closed) {
                return;
            }
            byte[] bytes = new byte[pending.length + length];
            System.arraycopy(pending, 0, bytes, 0, pending.length);
            System.arraycopy(buffer, 0, bytes, pending.length, length);
            ByteArrayOutputStream batch = new ByteArrayOutputStream(bytes.length);
            int start = 0;
            int end;
            // A watch's action may have cut the connection: the rest of what was read then goes nowhere, and
            // must not fire a watch armed for the next connection.
            while (!link.closed && (end = packetEnd(bytes, start)) > 0) {
                if (held) {
                    decode(bytes, start);
                } else {
                    pass(bytes, start, end, batch, out);
                }
                start = end;
            }
            pending = Arrays.copyOfRange(bytes, start, bytes.length);
            write(batch, out);
        }

        private void pass(byte[] bytes, int start, int end, ByteArrayOutputStream batch, OutputStream out)
                throws IOException {
            Packet packet = decode(bytes, start);
            Watch hold = passing(packet, true);
            if (hold != null) {
                held = true;
                write(batch, out);
                hold.fire(packet);
                return;
            }
            batch.write(bytes, start, end - start);
            link.forwarded(packet);
            Watch after = passing(packet, false);
            if (after != null) {
                write(batch, out);
                after.fire(packet);
            }
        }

        private Packet decode(byte[] bytes, int start) {
            int first = bytes[start] & 0xFF;
            int type = first >> 4;
            int body = variableByteInteger(bytes, start + 1)[1];
            if (type == PUBLISH) {
                int qos = (first >> 1) & 0x03;
                int topicLength = uint16(bytes, body);
                String topic = new String(bytes, body + 2, topicLength, StandardCharsets.UTF_8);
                int packetId = qos > 0 ? uint16(bytes, body + 2 + topicLength) : -1;
                return count(link, direction, type, packetId, qos, (first & 0x08) != 0, topic);
            }
            if (type == CONNECT) {
                link.clientId = clientId(bytes, body);
            }
            boolean hasId = type >= PUBACK && type <= UNSUBACK;
            return count(link, direction, type, hasId ? uint16(bytes, body) : -1, 0, false, null);
        }
    }

    /**
     * The client id of the CONNECT whose variable header starts at {@code at}: after the protocol name, level,
     * flags and keep alive, and on MQTT 5 the properties, it opens the payload.
     */
    private static String clientId(byte[] bytes, int at) {
        int level = at + 2 + uint16(bytes, at);
        int next = level + 4;
        if (bytes[level] == 5) {
            int[] propertiesLength = variableByteInteger(bytes, next);
            next = propertiesLength[1] + propertiesLength[0];
        }
        return new String(bytes, next + 2, uint16(bytes, next), StandardCharsets.UTF_8);
    }

    /** Where the packet starting at {@code start} ends, or -1 if {@code bytes} do not hold all of it yet. */
    private static int packetEnd(byte[] bytes, int start) {
        int[] remainingLength = variableByteInteger(bytes, start + 1);
        if (remainingLength == null) {
            return -1;
        }
        int end = remainingLength[1] + remainingLength[0];
        return end <= bytes.length ? end : -1;
    }

    /** The Variable Byte Integer at {@code at}: its value and where it ends, or null if {@code bytes} end in it. */
    private static int[] variableByteInteger(byte[] bytes, int at) {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            if (at >= bytes.length) {
                return null;
            }
            digit = bytes[at++] & 0xFF;
            value += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        return new int[] {value, at};
    }

    private static int uint16(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private static void write(ByteArrayOutputStream batch, OutputStream out) throws IOException {
        if (batch.size() > 0) {
            batch.writeTo(out);
            out.flush();
            batch.reset();
        }
    }
}

package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import io.github.mqttbridge.testing.AutoCloseableBroker;
import io.github.mqttbridge.testing.MosquittoBroker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the client's QoS 2 window costs: our client publishing QoS 2 with 20 (the default), 100, 1,000 and 65,535
 * publishes in flight, and QoS 1 at its default window for reference, against one Mosquitto without message
 * limits. Rounds are long (20,000 messages) so that the steady flow, not the start, sets the rate. Then what the
 * default protects: ours and HiveMQ's client at their defaults on a Mosquitto as installed, counting what arrived.
 */
final class WindowSection implements BenchSection {
    private static final int SIZE = 64;
    private static final int STANDARD_MESSAGES = 20_000;
    private static final int DEFAULT_QOS2_WINDOW = ConnectOptions.defaults().maxInflightQos2();

    /** One cell: a QoS and the window that applies to it. */
    private record Setting(int qos, int window) {
        String label() {
            return "QoS " + qos + ", " + String.format(Locale.ROOT, "%,d", window) + " in flight"
                    + (window == defaultWindow(qos) ? " (default)" : "");
        }

        static int defaultWindow(int qos) {
            return qos == 2 ? DEFAULT_QOS2_WINDOW : ConnectOptions.defaults().maxInflight();
        }

        /** At QoS 2 the window is maxInflightQos2, inside a maxInflight at least as wide; at QoS 1 maxInflight. */
        ConnectOptions options() {
            ConnectOptions.Builder b = ConnectOptions.builder();
            return qos == 2 ? b.maxInflight(Math.max(window, defaultWindow(1))).maxInflightQos2(window).build()
                    : b.maxInflight(window).build();
        }
    }

    /** Each client at its defaults, on Mosquitto as installed: what a wider window loses there. */
    private static final List<Library> ON_STOCK_MOSQUITTO = List.of(Library.OURS, Library.HIVEMQ, Library.OURS_V5,
            Library.HIVEMQ_V5);

    private static final List<Setting> SETTINGS = List.of(new Setting(2, DEFAULT_QOS2_WINDOW), new Setting(2, 100),
            new Setting(2, 1_000), new Setting(2, 65_535), new Setting(1, Setting.defaultWindow(1)));

    @Override
    public String id() {
        return "window";
    }

    @Override
    public String run(SuiteOptions options) throws Exception {
        int messages = options.scaled(STANDARD_MESSAGES);
        Map<Setting, List<Double>> rates = new LinkedHashMap<>();
        try (AutoCloseableBroker mosquitto = MosquittoBroker.builder().start()) {
            for (Setting s : SETTINGS) {
                round(options, mosquitto, s, messages / 4, "warmup");
                rates.put(s, new ArrayList<>());
            }
            for (int rep = 1; rep <= options.reps(); rep++) {
                for (Setting s : SETTINGS) {
                    RoundResult r = round(options, mosquitto, s, messages, "r" + rep);
                    rates.get(s).add(r.steadyReceiveRate());
                    options.out().printf(Locale.ROOT, "  %-36s %,10.0f msg/s%n", s.label(), r.steadyReceiveRate());
                }
            }
        }
        Map<Library, RoundResult> onStock = new LinkedHashMap<>();
        try (AutoCloseableBroker stock = MosquittoBroker.builder().defaultMessageLimits().start()) {
            for (Library library : ON_STOCK_MOSQUITTO) {
                RoundResult r = BenchRound.runCountingLoss(library, stock.tcpUri(), 2, stockMessages(options), SIZE,
                        "window-stock-" + library.id());
                onStock.put(library, r);
                options.out().printf(Locale.ROOT, "  stock Mosquitto, %-14s %,d of %,d received%n", library.id(),
                        r.received(), r.messages());
            }
        }
        return markdown(messages, rates) + stockMarkdown(onStock);
    }

    /** Fewer than the measured rounds: a subscriber's queue on stock Mosquitto holds 1,000, which is not the point. */
    private static int stockMessages(SuiteOptions options) {
        return options.scaled(STANDARD_MESSAGES / 10);
    }

    private static String stockMarkdown(Map<Library, RoundResult> onStock) {
        StringBuilder md = new StringBuilder("""

                On Mosquitto as installed (`max_inflight_messages 20`, `max_queued_messages 1000`), each client at \
                its defaults publishing %,d QoS 2 messages of %d B to a subscriber of its own library, once: how \
                many arrived. On MQTT 5 Mosquitto states its limit as its Receive Maximum (20), which every client \
                here keeps to; on MQTT 3.1.1 it cannot, and a client that keeps more in flight has the rest \
                acknowledged and dropped.

                | Client | Protocol | QoS 2 in flight | Received of sent |
                |---|---|---|---:|
                """.formatted(onStock.values().iterator().next().messages(), SIZE));
        onStock.forEach((library, r) -> md.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %,d of %,d |%n",
                library.id(), library.mqttVersion() == 5 ? "MQTT 5" : "MQTT 3.1.1", qos2Window(library),
                r.received(), r.messages())));
        return md.toString();
    }

    /** How many QoS 2 publishes a client at its defaults keeps in flight. */
    private static String qos2Window(Library library) {
        if (library.mqttVersion() == 5) {
            return "the server's Receive Maximum";
        }
        return String.format(Locale.ROOT, "%,d", library == Library.OURS ? DEFAULT_QOS2_WINDOW : library.window());
    }

    private static RoundResult round(SuiteOptions options, AutoCloseableBroker broker, Setting s, int messages,
                                     String tag) throws Exception {
        return BenchRound.run((uri, id) -> new OurBenchClient(uri, id, s.options()), "ours " + s.label(),
                broker.tcpUri(), s.qos(), messages, SIZE, "window-q" + s.qos() + "-" + s.window() + "-" + tag);
    }

    private static String markdown(int messages, Map<Setting, List<Double>> rates) {
        Spread base = Spread.of(rates.get(SETTINGS.get(0)));
        StringBuilder md = new StringBuilder("""
                ## QoS 2 in-flight window

                What the client's QoS 2 default costs. Mosquitto as installed (`max_inflight_messages 20`) \
                acknowledges every QoS 2 message of a client that keeps more than 20 in flight and silently drops \
                some ([compatibility](compatibility.md)), so `maxInflightQos2` defaults to 20 while QoS 1 keeps \
                `maxInflight` 1,000 ([client guide](client.md#flow-control)). Here our client publishes %,d messages \
                of %d B per round to a subscriber of its own, through one Mosquitto without message limits \
                (`max_inflight_messages 0`, `max_queued_messages 0`), with each window in turn; a warm-up round of \
                each comes first. Rate: messages received per second over the round's steady middle, from the \
                arrival of its tenth percent of messages to that of its ninetieth.

                | Setting | msg/s received | ÷ QoS 2 default |
                |---|---:|---:|
                """.formatted(messages, SIZE));
        rates.forEach((s, values) -> {
            Spread spread = Spread.of(values);
            md.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %.2f |%n", s.label(), spread.median(),
                    spread.min(), spread.max(), spread.median() / base.median()));
        });
        return md.toString();
    }
}

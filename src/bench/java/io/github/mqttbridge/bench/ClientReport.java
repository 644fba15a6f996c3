package io.github.mqttbridge.bench;

import io.github.mqttbridge.client.ConnectOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The client chapter of docs/benchmarks.md and its charts, written from the measured results only. */
final class ClientReport {
    private final SuiteOptions options;
    private final Results results;
    private final Map<String, String> brokers;
    private final Targets targets;
    private final List<ClientSection.ProfiledMiss> profiles;

    ClientReport(SuiteOptions options, Results results, Map<String, String> brokers, Targets targets,
                 List<ClientSection.ProfiledMiss> profiles) {
        this.options = options;
        this.results = results;
        this.brokers = brokers;
        this.targets = targets;
        this.profiles = profiles;
    }

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder("## MQTT clients\n\n").append(method());
        md.append("### Throughput\n\nReceived and publish-complete rates in messages per second, median (min–max)"
                + " over the repetitions; MB/s is payload received per second (10^6 bytes); ours ÷ this is the median"
                + " received rate of our client at its defaults in the same protocol generation (`ours` in MQTT"
                + " 3.1.1, `ours-v5` in MQTT 5) divided by this client's.\n");
        for (var broker : brokers.entrySet()) {
            for (int version : Library.MQTT_VERSIONS) {
                md.append("\n#### ").append(broker.getValue()).append(", ").append(protocol(version)).append("\n\n")
                        .append(table(broker.getKey(), version));
            }
            md.append('\n').append(charts(broker.getKey(), broker.getValue()));
        }
        md.append(targetsMarkdown());
        md.append(profilesMarkdown());
        return md.toString();
    }

    private String method() {
        StringBuilder md = new StringBuilder();
        md.append("Each client speaks one protocol generation, MQTT 3.1.1 or MQTT 5, and has rows in the tables of"
                + " that generation. For each client, one publisher publishes N messages as fast as its asynchronous"
                + " API takes them to one subscriber of the same library on a topic of the round's own, both"
                + " subscribed and publishing at the same QoS with clean sessions. Brokers: ");
        md.append(brokers.values().stream().map(b -> "**" + b + "**").collect(Collectors.joining(" and ")));
        md.append(". Mosquitto is a process of its own (`max_inflight_messages 0`, `max_queued_messages 0`);"
                + " HiveMQ CE runs in a child JVM of its own rather than in the benchmark's, so its heap, garbage"
                + " collection and Netty threads are not mixed into the clients' figures and profiles. Both share"
                + " the machine's cores with the clients, so broker speed is part of every figure. The received"
                + " rate is that of the round's steady middle: from the arrival of the tenth percent of its N"
                + " messages to that of the ninetieth, which leaves out the first flight (the window filling, the"
                + " subscriber's first reads) and the drain at the end. The publish-complete rate runs from the first"
                + " publish call to the last publish completed (written to the socket for QoS 0, PUBACK for 1,"
                + " PUBCOMP for 2). Every round checks that exactly N"
                + " distinct messages arrived, with no duplicate and nothing foreign, or fails the run; at QoS 0"
                + " alone a broker may drop messages (HiveMQ CE does when a subscriber falls behind), so there the"
                + " round ends when messages stop coming for " + Receiver.QOS0_STALL.toSeconds() + " s, the window"
                + " ends with the last message that arrived, and the Lost column says how many of those"
                + " sent over all repetitions never came. Warm-up rounds of every client and QoS come first;"
                + " then each of the ")
                .append(options.reps()).append(" repetitions runs every cell once. Paho refuses a publish beyond"
                        + " its in-flight window (maxInflight in MQTT 3.1.1, the server's Receive Maximum in MQTT 5),"
                        + " so its adapters wait for a free slot, as a Paho application must; ours and HiveMQ's queue"
                        + " such publishes themselves.\n\n");
        md.append("`").append(CommandLineRound.ID).append("` is the brokers' ceiling for reference: Mosquitto's C"
                + " clients, `mosquitto_pub -l -M 65535` publishing one message per line of a prepared file to"
                + " `mosquitto_sub`, with the same N, QoS and payload size and the same check of N distinct"
                + " messages; its publish-complete time ends when mosquitto_pub has exited.\n\nClients:\n\n");
        for (Library library : Library.values()) {
            md.append("- `").append(library.id()).append("`: ").append(library.description()).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nMessages per round (N, in the tables): what that client received in"
                + " about %.1f s in a sizing round of its own in that cell (not counted, run once before the"
                + " repetitions, which also warms the cell's code), at least %,d and at most %,d or %d MiB of payload,"
                + " so that each client's rounds last about as long whatever its rate. The sizing rounds' N:%n%n"
                + "| Payload | QoS 0 | QoS 1 | QoS 2 |%n|---:|---:|---:|---:|%n", ClientSection.roundSeconds(options),
                ClientSection.MIN_MESSAGES, ClientSection.MAX_MESSAGES, ClientSection.MAX_ROUND_BYTES >> 20));
        for (int size : ClientSection.SIZES) {
            md.append("| ").append(bytes(size));
            for (int qos : ClientSection.QOS_LEVELS) {
                md.append(" | ").append(String.format(Locale.ROOT, "%,d",
                        options.scaled(ClientSection.sizingMessages(size, qos))));
            }
            md.append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String protocol(int version) {
        return version == 5 ? "MQTT 5" : "MQTT 3.1.1";
    }

    /** The rows of the clients of one protocol generation, with the command-line ceiling for reference. */
    private String table(String broker, int version) {
        StringBuilder md = new StringBuilder("| QoS | Payload | Client | N | Received msg/s | min–max | MB/s"
                + " | Publish-complete msg/s | min–max | ours ÷ this | Lost |\n"
                + "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int qos : ClientSection.QOS_LEVELS) {
            for (int size : ClientSection.SIZES) {
                String oursId = Library.ours(version).id();
                Results.Cell ours = new Results.Cell(broker, oursId, qos, size);
                for (String client : clients(version)) {
                    Results.Cell cell = new Results.Cell(broker, client, qos, size);
                    if (!results.has(cell)) {
                        continue;
                    }
                    Spread receive = results.receive(cell);
                    Spread publish = results.publish(cell);
                    int[] lost = results.lostOfSent(cell);
                    md.append(String.format(Locale.ROOT, "| %d | %s | %s | %,d | %,.0f | %,.0f–%,.0f | %.2f"
                                    + " | %,.0f | %,.0f–%,.0f | %s | %s |%n", qos, bytes(size), client,
                            results.messages(cell), receive.median(),
                            receive.min(), receive.max(), receive.median() * size / 1e6, publish.median(),
                            publish.min(), publish.max(), client.equals(oursId) || !results.has(ours) ? ""
                                    : String.format(Locale.ROOT, "%.2f",
                                            results.receive(ours).median() / receive.median()),
                            lost[0] == 0 ? "" : String.format(Locale.ROOT, "%,d of %,d", lost[0], lost[1])));
                }
            }
        }
        return md.toString();
    }

    private static List<String> clients(List<Library> libraries) {
        List<String> clients = new ArrayList<>();
        for (Library library : libraries) {
            clients.add(library.id());
        }
        clients.add(CommandLineRound.ID);
        return clients;
    }

    private static List<String> clients(int version) {
        return clients(Library.ofVersion(version));
    }

    /** Throughput against payload size, one chart per QoS, one line per client. */
    private String charts(String broker, String brokerName) throws IOException {
        StringBuilder md = new StringBuilder();
        for (int qos : ClientSection.QOS_LEVELS) {
            Map<String, List<double[]>> lines = new LinkedHashMap<>();
            for (String client : clients(List.of(Library.values()))) {
                List<double[]> points = new ArrayList<>();
                for (int size : ClientSection.SIZES) {
                    Results.Cell cell = new Results.Cell(broker, client, qos, size);
                    if (results.has(cell)) {
                        points.add(new double[] {size, results.receive(cell).median() * size / 1e6});
                    }
                }
                if (!points.isEmpty()) {
                    lines.put(client, points);
                }
            }
            Path chart = Charts.lines(options.chartDir().resolve("client-" + broker + "-qos" + qos + ".png"),
                    brokerName + ", QoS " + qos + ": MB/s received (median)", "payload (bytes)", "MB/s", true, true,
                    lines);
            md.append(options.chartLink(brokerName + " QoS " + qos + " throughput by payload size", chart))
                    .append('\n');
        }
        return md.toString();
    }

    private String targetsMarkdown() {
        StringBuilder md = new StringBuilder("\n### Targets\n\nOn each broker and payload size, with each"
                + " client of the same protocol generation:\n\n");
        for (Targets.Aim aim : Targets.AIMS) {
            md.append("- ").append(aim.markdown()).append('\n');
        }
        md.append("\nThe ratio is ours divided by theirs, of the median messages received per second.\n\n");
        md.append("At QoS 2 in MQTT 3.1.1, `ours` keeps " + ConnectOptions.defaults().maxInflightQos2()
                + " publishes in flight and `hivemq` " + String.format(Locale.ROOT, "%,d", Library.HIVEMQ.window())
                + ". Mosquitto as installed takes 20 and silently drops what comes past them, and an MQTT 3.1.1"
                + " broker has no way to tell a client its limit, so `ours` keeps the window that is safe on every"
                + " broker; the [QoS 2 in-flight window](#qos-2-in-flight-window) chapter counts what the wider one"
                + " loses there. `ours-tuned` against `hivemq` compares the two clients at equal windows, and on"
                + " MQTT 5, where the broker states its limit, `ours-v5` uses all of it.\n\n");
        List<Targets.Check> misses = targets.misses();
        md.append(String.format(Locale.ROOT, "**%d of %d met**%s%n%n", targets.checks().size() - misses.size(),
                targets.checks().size(), misses.isEmpty() ? "." : "; the misses are marked **no**."));
        md.append("| Broker | QoS | Payload | Ours | Theirs | Ratio | Target | Met |\n"
                + "|---|---:|---:|---|---|---:|---:|---|\n");
        for (Targets.Check c : targets.checks()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.2f | %.1f | %s |%n",
                    c.ours().broker(), c.ours().qos(), bytes(c.ours().size()), c.ours().client(), c.theirs().client(),
                    c.ratio(), c.target(), c.met() ? "yes" : "**no**"));
        }
        return md.toString();
    }

    private String profilesMarkdown() {
        if (profiles.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Where the time goes in the worst misses\n\n"
                + "Our client in the cells furthest from a target, profiled with JFR in one extra round each after"
                + " the measured ones (not counted above).\n");
        for (ClientSection.ProfiledMiss p : profiles) {
            Results.Cell cell = p.miss().ours();
            md.append(String.format(Locale.ROOT, "%n#### %s on %s, QoS %d, %s payload (%.2f × %s, target %.1f)%n%n",
                    cell.client(), brokers.get(cell.broker()), cell.qos(), bytes(cell.size()), p.miss().ratio(),
                    p.miss().theirs().client(), p.miss().target()))
                    .append(String.format(Locale.ROOT, "%,d messages in %,.0f ms (%,.0f msg/s received), for"
                                    + " which JFR took %,d execution samples%s. ", p.round().messages(),
                            p.round().receiveNanos() / 1e6, p.round().receiveRate(), p.profile().samples(),
                            p.busyShare() < 0.5 ? ": fewer than one per two milliseconds although it samples"
                                    + " each thread running Java code every millisecond, which suggests our client's"
                                    + " threads mostly waited (on their sockets, for the broker and the other side)"
                                    + " rather than ran" : ""))
                    .append(p.profile().markdown());
        }
        return md.toString();
    }

    static String bytes(int size) {
        return size >= 1024 ? size / 1024 + " KiB" : size + " B";
    }
}

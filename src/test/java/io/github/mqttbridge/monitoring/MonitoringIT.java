package io.github.mqttbridge.monitoring;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import io.github.mqttbridge.connect.sink.MqttSinkTaskMetricsMBean;
import io.github.mqttbridge.connect.sink.SinkTraffic;
import io.github.mqttbridge.connect.source.MqttSourceTaskMetricsMBean;
import io.github.mqttbridge.connect.source.SourceTraffic;
import io.github.mqttbridge.testing.ConnectWorkerProcess;
import io.github.mqttbridge.testing.EmbeddedBroker;
import io.github.mqttbridge.testing.JmxExporterAgent;
import io.github.mqttbridge.testing.KafkaConnectCluster;
import io.github.mqttbridge.testing.PluginPackage;
import io.github.mqttbridge.testing.PrometheusScrape;
import io.github.mqttbridge.testing.PrometheusServer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring files of {@code config/monitoring} against a real worker: a Connect worker in a JVM of its own,
 * loading the packaged plugin, with the Prometheus JMX exporter agent and the rules file as the plugin ships it
 * ({@code etc/monitoring/jmx-exporter.yml}), runs a source and a sink connector that have moved traffic; its
 * {@code /metrics} must then hold every attribute of our task MBeans, Connect's own metrics, and every metric the
 * Grafana dashboard queries; and a real Prometheus scraping it must answer each of the dashboard's queries.
 */
@ExtendWith(ConnectWorkerProcess.LogsOnFailure.class)
class MonitoringIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final int MESSAGES = 50;
    private static final int RECORDS_PER_PARTITION = 20;
    private static final int PARTITIONS = 2;
    private static final Path DASHBOARD = Path.of("config", "monitoring", "grafana-dashboard.json");

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE = "mon-src-" + RUN;
    /**
     * A space makes the sink's MBean quote the name ({@code connector="mon sink ..."}) while Connect's MBeans do
     * not: the labels must hold the name as users typed it either way.
     */
    private static final String SINK = "mon sink " + RUN;
    private static final String SINK_TOPIC = "mon-records-" + RUN;

    private static EmbeddedBroker broker;
    private static KafkaConnectCluster kafka;
    private static ConnectWorkerProcess worker;
    private static final JmxExporterAgent exporter = new JmxExporterAgent();
    /** The scrape after both connectors moved their traffic; the tests read it. */
    private static PrometheusScrape scrape;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedBroker().start();
        kafka = KafkaConnectCluster.builder().startKafkaOnly();
        worker = ConnectWorkerProcess.builder(kafka.bootstrapServers()).packagedPlugin()
                .jvmArg(exporter.jvmArg(packagedRules())).start();

        SourceTraffic traffic = new SourceTraffic(2);
        worker.rest().createConnector(SOURCE, traffic.connector(broker.tcpUri(), traffic.filter(), 1));
        kafka.createTopic(SINK_TOPIC, PARTITIONS);
        Map<String, String> sink = SinkTraffic.sinkConfig(SINK_TOPIC, broker.tcpUri(), 1);
        sink.put("tasks.max", "1");
        sink.put("mqtt.topic", "mon-" + RUN + "/{partition}");
        worker.rest().createConnector(SINK, sink);
        worker.rest().awaitRunning(SOURCE, 1);
        worker.rest().awaitRunning(SINK, 1);

        try (MqttClient publisher = SourceTraffic.publisher(broker.tcpUri());
             KafkaProducer<String, String> producer = SinkTraffic.producer(kafka.bootstrapServers())) {
            traffic.awaitSubscribed(kafka.kafka(), publisher);
            traffic.publish(publisher, 0, MESSAGES, 1);
            SinkTraffic.produce(producer, List.of(SINK_TOPIC), PARTITIONS, 0, RECORDS_PER_PARTITION);
        }
        await("both connectors' traffic in the scrape").atMost(ARRIVAL).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    scrape = PrometheusScrape.of(exporter.metricsUrl());
                    return sum("mqttbridge_source_records_committed_total", SOURCE) >= MESSAGES
                            && sum("mqttbridge_sink_records_acknowledged_total", SINK)
                            >= PARTITIONS * RECORDS_PER_PARTITION;
                });
    }

    /** The rules file inside the unpacked plugin, which is where a user finds it. */
    private static Path packagedRules() throws IOException {
        try (Stream<Path> plugins = Files.list(PluginPackage.pluginPath())) {
            return plugins.map(p -> p.resolve("etc/monitoring/jmx-exporter.yml")).filter(Files::isRegularFile)
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no etc/monitoring/jmx-exporter.yml in " + PluginPackage.pluginPath()));
        }
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static double sum(String metric, String connector) {
        return scrape.samples(metric, Map.of("connector", connector)).stream()
                .mapToDouble(PrometheusScrape.Sample::value).sum();
    }

    @Test
    void every_attribute_of_both_task_mbeans_is_a_metric_labelled_with_connector_and_task() {
        List<String> missing = new ArrayList<>();
        missing.addAll(missingAttributes(MqttSourceTaskMetricsMBean.class, "mqttbridge_source_", SOURCE));
        missing.addAll(missingAttributes(MqttSinkTaskMetricsMBean.class, "mqttbridge_sink_", SINK));
        assertEquals(List.of(), missing, "MBean attributes without a metric; the scrape has " + scrape.names());
    }

    /** Each getter's attribute as {@code <prefix><snake_case>}, with {@code _total} when a counter. */
    private static List<String> missingAttributes(Class<?> mbean, String prefix, String connector) {
        List<String> missing = new ArrayList<>();
        for (Method getter : mbean.getMethods()) {
            String attribute = getter.getName().replaceFirst("^(get|is)", "");
            String metric = prefix + attribute.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
            Map<String, String> labels = Map.of("connector", connector, "task", "0");
            if (scrape.samples(metric, labels).size() + scrape.samples(metric + "_total", labels).size() != 1) {
                missing.add(mbean.getSimpleName() + "." + attribute + " as " + metric + "[_total]" + labels);
            }
        }
        return missing;
    }

    @Test
    void the_task_metrics_tell_what_the_tasks_did() {
        Map<String, String> source = Map.of("connector", SOURCE, "task", "0");
        Map<String, String> sink = Map.of("connector", SINK, "task", "0");
        assertEquals(1, scrape.value("mqttbridge_source_connected", source));
        assertEquals(1, scrape.value("mqttbridge_source_subscribed", source));
        // The probe messages that awaited the subscription count too.
        assertTrue(scrape.value("mqttbridge_source_messages_received_total", source) >= MESSAGES);
        assertEquals(0, scrape.value("mqttbridge_source_reconnects_total", source));
        assertEquals(1, scrape.value("mqttbridge_sink_connected", sink));
        assertEquals(PARTITIONS * RECORDS_PER_PARTITION,
                scrape.value("mqttbridge_sink_records_published_total", sink));
        assertEquals(0, scrape.value("mqttbridge_sink_bad_records_total", sink));
    }

    @Test
    void connects_own_metrics_are_there_for_both_connectors() {
        for (String connector : List.of(SOURCE, SINK)) {
            assertEquals(1, scrape.value("kafka_connect_connector_status",
                    Map.of("connector", connector, "status", "running")));
            assertEquals(1, scrape.value("kafka_connect_task_status",
                    Map.of("connector", connector, "task", "0", "status", "running")));
            assertEquals(0, scrape.value("kafka_connect_task_error_total_record_errors",
                    Map.of("connector", connector, "task", "0")));
        }
        assertTrue(sum("kafka_connect_source_task_source_record_write_total", SOURCE) >= MESSAGES);
        assertEquals(PARTITIONS * RECORDS_PER_PARTITION,
                sum("kafka_connect_sink_task_sink_record_read_total", SINK));
        assertEquals(2, scrape.value("kafka_connect_worker_connector_count", Map.of()));
    }

    @Test
    void every_metric_the_dashboard_queries_is_in_the_scrape() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.read(DASHBOARD);
        Set<String> scraped = scrape.names();
        List<String> unknown = new ArrayList<>();
        List<GrafanaDashboard.Query> queries = dashboard.queries();
        for (GrafanaDashboard.Query query : queries) {
            Set<String> metrics = PromQl.metricNames(query.expression());
            if (metrics.isEmpty()) {
                unknown.add(query.panel() + ": no metric in " + query.expression());
            }
            metrics.stream().filter(m -> !scraped.contains(m)).forEach(m -> unknown.add(query.panel() + ": " + m));
        }
        for (GrafanaDashboard.VariableQuery variable : dashboard.variableQueries()) {
            if (scrape.samples(variable.metric(), Map.of()).stream()
                    .noneMatch(s -> s.labels().containsKey(variable.label()))) {
                unknown.add("variable " + variable.variable() + ": " + variable.metric() + "{" + variable.label()
                        + "}");
            }
        }
        assertTrue(queries.size() >= 20, "the dashboard has only " + queries.size() + " queries");
        assertEquals(List.of(), unknown, "dashboard queries of metrics not in the scrape " + scraped);
    }

    /**
     * Beyond names: a real Prometheus scrapes the worker and runs each panel's query as Grafana would (its
     * variables set to a 1-minute rate window and all connectors), which must parse, type-check and return series;
     * the connector variable must list both connectors.
     */
    @Test
    void every_dashboard_query_returns_series_from_a_prometheus_scraping_the_worker() throws Exception {
        PrometheusServer.assumeAvailable();
        GrafanaDashboard dashboard = GrafanaDashboard.read(DASHBOARD);
        try (PrometheusServer prometheus = PrometheusServer.start(exporter.metricsUrl())) {
            await("every dashboard query answers with series").atMost(ARRIVAL).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        List<String> empty = new ArrayList<>();
                        for (GrafanaDashboard.Query query : dashboard.queries()) {
                            String promql = asGrafanaRunsIt(query.expression());
                            if (prometheus.query(promql).isEmpty()) {
                                empty.add(query.panel() + ": " + promql);
                            }
                        }
                        assertEquals(List.of(), empty, "queries without series");
                    });
            for (GrafanaDashboard.VariableQuery variable : dashboard.variableQueries()) {
                List<String> values = prometheus.labelValues(variable.label(), variable.metric());
                assertTrue(values.containsAll(List.of(SOURCE, SINK)), variable.variable() + ": " + values);
            }
        }
    }

    /** The dashboard's variables as Grafana fills them in: the rate window, and every connector. */
    private static String asGrafanaRunsIt(String expression) {
        return expression.replace("$__rate_interval", "1m").replace("$connector", ".*");
    }
}

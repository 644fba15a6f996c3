package io.github.mqttbridge.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void a_bare_metric_is_its_own_name() {
        assertEquals(Set.of("mqttbridge_source_connected"), PromQl.metricNames("mqttbridge_source_connected"));
    }

    @Test
    void functions_aggregations_labels_ranges_and_grafana_variables_are_not_metric_names() {
        assertEquals(Set.of("mqttbridge_source_messages_received_total"), PromQl.metricNames(
                "sum by (connector, task) (rate(mqttbridge_source_messages_received_total"
                        + "{connector=~\"$connector\", task!=\"a_label_value\"}[$__rate_interval]))"));
    }

    @Test
    void every_operand_of_a_binary_expression_counts_and_keywords_and_numbers_do_not() {
        assertEquals(Set.of("a_total", "b_total", "c"), PromQl.metricNames(
                "(count(a_total == 0) or vector(0)) + on (connector) group_left (task) b_total offset 5m"
                        + " * 1e3 unless bool c"));
    }

    @Test
    void a_colon_in_a_recording_rule_name_is_part_of_the_name() {
        assertEquals(Set.of("job:mqtt_messages:rate5m"), PromQl.metricNames("max(job:mqtt_messages:rate5m)"));
    }
}

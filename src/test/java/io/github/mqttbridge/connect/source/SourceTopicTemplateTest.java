package io.github.mqttbridge.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTopicTemplateTest {
    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "raw|sensors/a/temp|raw",
            "mqtt.{topic}|sensors/a/temp|mqtt.sensors.a.temp",
            "iot.{1}|sensors/a/temp|iot.a",
            "{0}-{2}|sensors/a/temp|sensors-temp",
            "{topic}|/leading/slash|.leading.slash",
            "x.{1}|home/k\u00fcche/temp|x.k_che",
            "{topic}|$SYS/broker/load|_SYS.broker.load",
            "{1}|a//b|_",
            "{0}|../x|__",
    })
    void renders_a_legal_kafka_topic(String template, String mqttTopic, String expected) throws Exception {
        assertEquals(expected, SourceTopicTemplate.parse(template).render(mqttTopic));
    }

    @Test
    void cuts_names_to_kafkas_limit() throws Exception {
        String rendered = SourceTopicTemplate.parse("{topic}").render("a".repeat(300));
        assertEquals(SourceTopicTemplate.MAX_KAFKA_TOPIC_LENGTH, rendered.length());
    }

    @Test
    void a_level_the_topic_lacks_renders_empty_rather_than_failing() throws Exception {
        assertEquals("x.", SourceTopicTemplate.parse("x.{3}").render("a/b"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "{0}.{1}|sensors/+",
            "{2}|a/b/c/#",
            "{topic}|#",
            "fixed|#",
            "{1}|$share/g/a/+/c",
    })
    void captures_every_matching_topic_has(String template, String filter) {
        assertNull(SourceTopicTemplate.parse(template).missingCapture(filter));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "{1}|sensors",
            "{1}|sensors/#",
            "{0}|#",
            "{3}|$share/g/a/b/c",
    })
    void captures_some_matching_topic_lacks(String template, String filter) {
        assertNotNull(SourceTopicTemplate.parse(template).missingCapture(filter));
    }
}

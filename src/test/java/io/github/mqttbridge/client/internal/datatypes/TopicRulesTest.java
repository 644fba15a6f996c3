package io.github.mqttbridge.client.internal.datatypes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b", "/", "a//b", "$SYS/x", "sensors/1/temp", "ü/ß"})
    void valid_topic_names(String topic) {
        assertNull(TopicName.problem(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "a/#", "+", "a\u0000b", "x+y"})
    void invalid_topic_names(String topic) {
        assertNotNull(TopicName.problem(topic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/#", "$share/g/a/+", "a"})
    void valid_filters(String filter) {
        assertNull(TopicFilter.problem(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a+", "a/b#", "#/a", "a/+b", "$share/", "$share/g", "$share/g/", "$share//a", "$share/+/a", "$share/g/a/#/b"})
    void invalid_filters(String filter) {
        assertNotNull(TopicFilter.problem(filter));
    }

    @ParameterizedTest
    @CsvSource({"a/+/c,a/b/c", "a/#,a", "a/#,a/b/c", "#,a/b", "+/+,a/b", "+,''", "$share/g/a/+,a/b", "a/+,a/"})
    void filter_matches(String filter, String topic) {
        assertTrue(TopicFilter.matches(filter, topic), filter + " should match " + topic);
    }

    @ParameterizedTest
    @CsvSource({"a/+/c,a/b/d", "a/+,a/b/c", "#,$SYS/x", "+/x,$SYS/x", "a/b,a", "a,a/b"})
    void filter_does_not_match(String filter, String topic) {
        assertFalse(TopicFilter.matches(filter, topic), filter + " should not match " + topic);
    }
}

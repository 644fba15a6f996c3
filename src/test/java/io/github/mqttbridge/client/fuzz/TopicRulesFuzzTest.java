package io.github.mqttbridge.client.fuzz;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.mqttbridge.client.internal.datatypes.TopicFilter;
import io.github.mqttbridge.client.internal.datatypes.TopicName;

/**
 * Coverage-guided fuzzing of the topic name and filter rules (Jazzer): they never throw, and they agree with each
 * other — a valid topic name (outside the $share/ namespace of shared subscriptions) is a valid filter that matches
 * itself, and '#' matches every topic not starting with '$'. fuzz/long-run fuzzes it for hours (docs/reliability.md).
 */
public class TopicRulesFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void topic_rules_never_throw_and_agree(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** The same check as an entry point of Jazzer's command line, which runs the long fuzzing campaign. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        String topic = data.consumeString(200);
        String filter = data.consumeRemainingAsString();
        String topicProblem = TopicName.problem(topic);
        String filterProblem = TopicFilter.problem(filter);
        // A topic name in $share/ reads as a shared subscription when used as a filter, so it is left out.
        if (topicProblem == null && !topic.startsWith("$share/")) {
            assertNull(TopicFilter.problem(topic), "a valid topic name is a valid filter: " + topic);
            assertTrue(TopicFilter.matches(topic, topic), "a topic name matches itself as a filter: " + topic);
            assertTrue(topic.startsWith("$") || TopicFilter.matches("#", topic), "'#' matches " + topic);
            if (filterProblem == null) {
                TopicFilter.matches(filter, topic);
            }
        }
    }
}

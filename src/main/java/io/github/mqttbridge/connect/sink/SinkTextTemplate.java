package io.github.mqttbridge.connect.sink;

import io.github.mqttbridge.connect.task.BadRecordException;
import io.github.mqttbridge.connect.template.TopicTemplate;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A text made from a record with the placeholders of {@link SinkTopicTemplate} ({@code {key}},
 * {@code {value.<path>}}, {@code {header:<name>}}, ...), for the MQTT 5 properties a record sets: content type,
 * response topic, correlation data. Unlike a topic it may hold any character. Empty means "not configured".
 */
final class SinkTextTemplate {
    private static final TopicTemplate.Vocabulary<SinkRecord> VOCABULARY = SinkTopicTemplate::placeholder;

    private final TopicTemplate<SinkRecord> template;

    private SinkTextTemplate(TopicTemplate<SinkRecord> template) {
        this.template = template;
    }

    /** Parses a template; an {@link IllegalArgumentException} names what is wrong and where. */
    static Optional<SinkTextTemplate> parse(String template) {
        if (template == null || template.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SinkTextTemplate(TopicTemplate.parse(template, VOCABULARY)));
    }

    /** The text for {@code record}; a {@link BadRecordException} when a part it names is missing. */
    String render(SinkRecord record) throws BadRecordException {
        return template.render(record);
    }

    @Override
    public String toString() {
        return template.toString();
    }
}

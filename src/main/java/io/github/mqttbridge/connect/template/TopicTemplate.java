package io.github.mqttbridge.connect.template;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.ArrayList;
import java.util.List;

/**
 * A topic name made of literal text and placeholders, the one template language of both connectors: the source
 * names Kafka topics with it ({@code kafka.topic}), the sink MQTT topics ({@code mqtt.topic}). Each direction
 * brings its {@link Vocabulary}: which placeholders exist, what they read from its context (an MQTT topic, a
 * Kafka record), and which literal characters it refuses.
 *
 * <p>The syntax, the same in both directions: {@code {name}} is a placeholder, {@code {{} is a literal '{' and
 * {@code }}} a literal '}'; everything else is literal text. A '{' never closed or a '}' never opened is an error.
 *
 * @param <C> what a placeholder reads its value from
 */
public final class TopicTemplate<C> {
    /** The value of one placeholder in a context. */
    @FunctionalInterface
    public interface Placeholder<C> {
        /** Throws {@link BadRecordException} saying why when the context has no value for it. */
        String render(C context) throws BadRecordException;
    }

    /** The placeholders of one direction, and the literal characters it refuses. */
    public interface Vocabulary<C> {
        /** The placeholder {@code {name}}; an {@link IllegalArgumentException} naming the known ones if none. */
        Placeholder<C> placeholder(String name);

        /** Refuses, with an {@link IllegalArgumentException}, a literal character this direction cannot use. */
        default void checkLiteral(char c, int position) {
        }
    }

    private record Literal<C>(String text) implements Placeholder<C> {
        @Override
        public String render(C context) {
            return text;
        }
    }

    private final String text;
    private final List<Placeholder<C>> parts;

    private TopicTemplate(String text, List<Placeholder<C>> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses a template; an {@link IllegalArgumentException} names what is wrong and where. */
    public static <C> TopicTemplate<C> parse(String template, Vocabulary<C> vocabulary) {
        List<Placeholder<C>> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched '}' at position " + i + ": braces are unbalanced "
                        + "(write }} for a literal '}')");
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at position " + i + ": braces are unbalanced "
                            + "(write {{ for a literal '{')");
                }
                addLiteral(literal, parts);
                parts.add(vocabulary.placeholder(template.substring(i + 1, end)));
                i = end + 1;
            } else {
                vocabulary.checkLiteral(c, i);
                literal.append(c);
                i++;
            }
        }
        addLiteral(literal, parts);
        return new TopicTemplate<>(template, List.copyOf(parts));
    }

    private static <C> void addLiteral(StringBuilder literal, List<Placeholder<C>> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Literal<>(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The placeholders of this template, in order, without the literal text between them. */
    public List<Placeholder<C>> placeholders() {
        return parts.stream().filter(p -> !(p instanceof Literal)).toList();
    }

    /** The topic for {@code context}: every part rendered, in order, without further checks. */
    public String render(C context) throws BadRecordException {
        if (parts.size() == 1) {
            return parts.get(0).render(context);
        }
        StringBuilder topic = new StringBuilder();
        for (Placeholder<C> part : parts) {
            topic.append(part.render(context));
        }
        return topic.toString();
    }

    /** The template as configured. */
    @Override
    public String toString() {
        return text;
    }
}

package io.github.mqttbridge.connect.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.connect.task.BadRecordException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one template language of both connectors, with a vocabulary made up here: {a}, {b} and {missing}. */
class TopicTemplateTest {
    private static final Map<String, String> CONTEXT = Map.of("a", "x", "b", "y");

    private static final TopicTemplate.Vocabulary<Map<String, String>> VOCABULARY = new TopicTemplate.Vocabulary<>() {
        @Override
        public TopicTemplate.Placeholder<Map<String, String>> placeholder(String name) {
            if (!name.equals("a") && !name.equals("b") && !name.equals("missing")) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "}");
            }
            return context -> {
                String value = context.get(name);
                if (value == null) {
                    throw new BadRecordException("no " + name);
                }
                return value;
            };
        }

        @Override
        public void checkLiteral(char c, int position) {
            if (c == '!') {
                throw new IllegalArgumentException("'!' at position " + position);
            }
        }
    };

    private static String render(String template) throws BadRecordException {
        return TopicTemplate.parse(template, VOCABULARY).render(CONTEXT);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "fixed|fixed",
            "{a}|x",
            "p/{a}.{b}/s|p/x.y/s",
            "{a}{b}|xy",
            "{{a}}|{a}",
            "{{{a}}}|{x}",
            "left{{|left{",
            "}}right|}right",
            "a}}b{{c|a}b{c",
    })
    void braces_are_doubled_for_literal_ones_and_single_ones_make_placeholders(String template, String expected)
            throws Exception {
        assertEquals(expected, render(template));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "x/{a|unclosed '{' at position 2",
            "x}/y|unmatched '}' at position 1",
            "{a}}|unmatched '}' at position 3",
            "{c}|unknown placeholder {c}",
            "{}|unknown placeholder {}",
            "x!|'!' at position 1",
    })
    void a_template_that_does_not_parse_says_what_and_where(String template, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicTemplate.parse(template, VOCABULARY));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void a_placeholder_the_context_lacks_makes_a_bad_record() {
        BadRecordException e = assertThrows(BadRecordException.class, () -> render("t/{missing}"));
        assertEquals("no missing", e.getMessage());
    }

    @Test
    void the_placeholders_are_listed_without_the_literal_text() {
        TopicTemplate<Map<String, String>> template = TopicTemplate.parse("p/{a}/{{/{b}", VOCABULARY);
        assertEquals(2, template.placeholders().size());
        assertEquals(List.of(), TopicTemplate.parse("only {{literal}}", VOCABULARY).placeholders());
        assertEquals("p/{a}/{{/{b}", template.toString());
    }
}

package io.github.mqttbridge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The shape the documentation promises: a README that leads to every guide, and two connector guides that mirror. */
class GuidesTest {
    private static final MarkdownDocument README = MarkdownDocument.read(Path.of("README.md"));

    /** CI runs exactly the test command README.md gives, so README must keep giving it as its own code block. */
    @Test
    void readme_gives_the_two_commands_as_code_blocks() {
        List<String> commands = README.codeBlocks("").stream().map(b -> b.code().strip()).toList();
        assertTrue(commands.contains("./quickstart.sh"), commands.toString());
        assertTrue(commands.contains("mvn verify"), commands.toString());
    }

    @Test
    void readme_links_every_guide() {
        List<String> targets = README.links().stream().map(MarkdownDocument.Link::target).toList();
        List<String> unlinked = MarkdownDocument.allFiles().stream()
                .filter(Predicate.not(Path.of("README.md")::equals))
                .map(guide -> "docs/" + guide.getFileName())
                .filter(guide -> !targets.contains(guide))
                .toList();
        assertEquals(List.of(), unlinked, "guides README.md does not link to");
    }

    /** A reader who knows one connector finds the same thing in the same place in the other. */
    @Test
    void the_source_and_sink_guides_have_the_same_sections_in_the_same_order() {
        assertEquals(MarkdownDocument.read(Path.of("docs/source.md")).headings(2),
                MarkdownDocument.read(Path.of("docs/sink.md")).headings(2));
    }
}

package io.github.mqttbridge.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every relative link in README.md and docs/*.md points to a file that exists, and every anchor to a heading that
 * exists, so that moving a guide or renaming a section cannot leave a dead link behind. Web links are not fetched:
 * the build runs offline.
 */
class DocumentationLinksTest {

    static Stream<Path> files() {
        return MarkdownDocument.allFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void every_relative_link_and_anchor_resolves(Path file) {
        MarkdownDocument doc = MarkdownDocument.read(file);
        List<String> broken = new ArrayList<>();
        for (MarkdownDocument.Link link : doc.links()) {
            String problem = problem(doc, link.target());
            if (problem != null) {
                broken.add(file + ":" + link.line() + ": " + link.target() + " (" + problem + ")");
            }
        }
        assertEquals(List.of(), broken, "dead links");
    }

    /** Why {@code target}, written in {@code doc}, leads nowhere; null when it resolves or leaves the repository. */
    private static String problem(MarkdownDocument doc, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? doc.file() : doc.file().toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return MarkdownDocument.read(resolved).anchors().contains(anchor) ? null : "no heading with this anchor";
    }
}

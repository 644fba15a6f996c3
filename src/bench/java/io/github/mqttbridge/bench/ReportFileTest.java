package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    private static final List<String> ORDER = List.of("client", "codec", "source");

    @Test
    void partialRunReplacesItsChaptersAndKeepsTheOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        ReportFile.write(file, "# Header 1\n", ORDER, Map.of("client", "## Clients\n\nold client figures\n",
                "codec", "## Codec\n\nold codec figures\n"));

        ReportFile.write(file, "# Header 2\n", ORDER, Map.of("codec", "## Codec\n\nnew codec figures\n"));

        String text = Files.readString(file);
        assertTrue(text.startsWith("# Header 2\n"), text);
        assertFalse(text.contains("Header 1"), text);
        assertFalse(text.contains("old codec figures"), text);
        assertEquals(Map.of("client", "## Clients\n\nold client figures\n", "codec", "## Codec\n\nnew codec figures\n"),
                ReportFile.chapters(file));
        assertTrue(text.indexOf("<!-- section:client -->") < text.indexOf("<!-- section:codec -->"), text);
    }

    @Test
    void chaptersFollowTheSuiteOrderAndUnknownOnesComeLast(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# Old\n\nhand-written text outside markers\n"
                + "<!-- section:retired -->\n## Retired\n<!-- /section:retired -->\n"
                + "<!-- section:codec -->\n## Codec\n<!-- /section:codec -->\n");

        ReportFile.write(file, "# New\n", ORDER, Map.of("source", "## Source\n", "client", "## Clients\n"));

        String text = Files.readString(file);
        assertFalse(text.contains("hand-written"), text);
        assertEquals(List.of("client", "codec", "source", "retired"), List.copyOf(ReportFile.chapters(file).keySet()));
    }
}

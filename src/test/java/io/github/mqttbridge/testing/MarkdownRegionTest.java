package io.github.mqttbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownRegionTest {

    private static final String FILE = "# Title\n\nIntro.\n\n<!-- a-begin -->\nold a\n<!-- a-end -->\n\n"
            + "<!-- b-begin -->\nkept b\n<!-- b-end -->\ntail\n";

    @Test
    void replaces_only_what_is_between_its_own_markers(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("R.md"), FILE);

        new MarkdownRegion("a").write(file, "new a\nline two");

        assertEquals(FILE.replace("old a\n", "new a\nline two\n"), Files.readString(file));
    }

    @Test
    void writing_twice_leaves_one_copy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("R.md"), FILE);

        new MarkdownRegion("b").write(file, "first\n");
        new MarkdownRegion("b").write(file, "second\n");

        assertEquals(FILE.replace("kept b\n", "second\n"), Files.readString(file));
    }

    @Test
    void a_missing_marker_is_an_error_and_the_file_stays_as_it_was(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("R.md"), FILE);

        assertThrows(IllegalStateException.class, () -> new MarkdownRegion("c").write(file, "x"));
        assertEquals(FILE, Files.readString(file));
    }
}

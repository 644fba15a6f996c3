package io.github.mqttbridge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated region of a Markdown report, between {@code <!-- name-begin -->} and {@code <!-- name-end -->}:
 * replacing it leaves the rest of the file as it was, so that several generators can each own one region.
 */
public final class MarkdownRegion {

    private MarkdownRegion() {
    }

    /** Replaces what lies between the region's markers in {@code file}; the markers must be there already. */
    public static void replace(Path file, String name, String content) throws IOException {
        String begin = "<!-- " + name + "-begin -->";
        String end = "<!-- " + name + "-end -->";
        String text = Files.readString(file);
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException(file + " has no region " + begin + " ... " + end);
        }
        String body = content.endsWith("\n") ? content : content + "\n";
        Files.writeString(file, text.substring(0, b + begin.length()) + "\n" + body + text.substring(e));
    }
}

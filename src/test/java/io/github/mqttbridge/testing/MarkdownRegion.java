package io.github.mqttbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated region of a Markdown file, between {@code <!-- name-begin -->} and {@code <!-- name-end -->}.
 * Rewriting it leaves every byte outside the markers as it was, so several generators can share one file.
 */
public final class MarkdownRegion {

    private final String begin;
    private final String end;

    public MarkdownRegion(String name) {
        this.begin = "<!-- " + name + "-begin -->";
        this.end = "<!-- " + name + "-end -->";
    }

    /** What is between the markers in {@code file}, as {@link #write} put it there; fails if a marker is missing. */
    public String read(Path file) {
        Located region = locate(file);
        return region.text().substring(region.from() + begin.length() + 1, region.to());
    }

    /** Replaces what is between the markers in {@code file} with {@code body}; fails if a marker is missing. */
    public void write(Path file, String body) {
        Located region = locate(file);
        String text = region.text();
        String content = body.endsWith("\n") ? body : body + "\n";
        try {
            Files.writeString(file, text.substring(0, region.from() + begin.length()) + "\n" + content
                    + text.substring(region.to()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text and where its begin and end markers start. */
    private record Located(String text, int from, int to) {
    }

    private Located locate(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(file + " lacks the markers " + begin + " ... " + end);
        }
        return new Located(text, from, to);
    }
}

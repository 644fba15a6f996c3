package io.github.mqttbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark report (docs/benchmarks.md) as a header followed by one chapter per section, each between
 * {@code <!-- section:ID -->} and {@code <!-- /section:ID -->}. A run replaces the header and the chapters of the
 * sections it ran and keeps every other chapter as it was, so {@code --only} refreshes part of the report without
 * losing the rest. Text outside the markers is not kept: the file is generated.
 */
final class ReportFile {
    private static final Pattern CHAPTER =
            Pattern.compile("<!-- section:([a-z0-9-]+) -->\\n(.*?)<!-- /section:\\1 -->\\n?", Pattern.DOTALL);

    private ReportFile() {
    }

    /** The chapters found between markers in the existing file, by section id, in file order. */
    static Map<String, String> chapters(Path file) throws IOException {
        Map<String, String> chapters = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Matcher m = CHAPTER.matcher(Files.readString(file));
            while (m.find()) {
                chapters.put(m.group(1), m.group(2));
            }
        }
        return chapters;
    }

    /**
     * Writes the header, then the chapters in the suite's order (fresh where measured, kept otherwise), then any
     * kept chapter of a section the suite no longer lists.
     */
    static void write(Path file, String header, List<String> order, Map<String, String> fresh) throws IOException {
        Map<String, String> chapters = chapters(file);
        chapters.putAll(fresh);
        StringBuilder md = new StringBuilder(header);
        for (String id : order) {
            append(md, id, chapters.remove(id));
        }
        chapters.forEach((id, text) -> append(md, id, text));
        Files.writeString(file, md.toString());
    }

    private static void append(StringBuilder md, String id, String chapter) {
        if (chapter != null) {
            md.append("\n<!-- section:").append(id).append(" -->\n").append(chapter.strip()).append("\n")
                    .append("<!-- /section:").append(id).append(" -->\n");
        }
    }
}

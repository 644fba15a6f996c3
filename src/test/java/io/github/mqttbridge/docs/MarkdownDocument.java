package io.github.mqttbridge.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parts of a Markdown file the documentation tests check: its headings with the anchors GitHub gives them, its
 * links (outside code), and its fenced code blocks. Just enough Markdown for our own files, not a general parser.
 */
final class MarkdownDocument {
    /** A link or image target as written, e.g. {@code ../config/mqtt-source.json} or {@code sink.md#metrics}. */
    record Link(int line, String target) {
    }

    record CodeBlock(int line, String language, String code) {
    }

    record Heading(int level, String text, String anchor) {
    }

    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** An HTML anchor in prose, such as the notes of a generated table: {@code <a id="note-1"></a>}. */
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    /** What GitHub drops from a heading's text to make its anchor: all but letters, digits, '-', '_' and spaces. */
    private static final Pattern NOT_IN_ANCHOR = Pattern.compile("[^\\p{L}\\p{N}\\- _]");

    private final Path file;
    private final List<Heading> headings = new ArrayList<>();
    private final Set<String> htmlAnchors = new LinkedHashSet<>();
    private final List<Link> links = new ArrayList<>();
    private final List<CodeBlock> codeBlocks = new ArrayList<>();

    private MarkdownDocument(Path file, List<String> lines) {
        this.file = file;
        Map<String, Integer> anchorCounts = new HashMap<>();
        String fenceLanguage = null;
        int fenceLine = 0;
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                if (fenceLanguage == null) {
                    fenceLanguage = fence.group(1);
                    fenceLine = i + 1;
                    code.setLength(0);
                } else {
                    codeBlocks.add(new CodeBlock(fenceLine, fenceLanguage, code.toString()));
                    fenceLanguage = null;
                }
            } else if (fenceLanguage != null) {
                code.append(line).append('\n');
            } else {
                readProse(i + 1, line, anchorCounts);
            }
        }
    }

    static MarkdownDocument read(Path file) {
        try {
            return new MarkdownDocument(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README.md and every guide under docs/, the files whose links the tests check. */
    static List<Path> allFiles() {
        try (Stream<Path> guides = Files.list(Path.of("docs"))) {
            List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
            files.addAll(guides.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readProse(int lineNumber, String line, Map<String, Integer> anchorCounts) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            String text = heading.group(2);
            headings.add(new Heading(heading.group(1).length(), text, uniqueAnchor(text, anchorCounts)));
        }
        Matcher htmlAnchor = HTML_ANCHOR.matcher(line);
        while (htmlAnchor.find()) {
            htmlAnchors.add(htmlAnchor.group(1));
        }
        Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll("code"));
        while (link.find()) {
            links.add(new Link(lineNumber, link.group(2)));
        }
    }

    /** GitHub's anchor: the heading as rendered text, lower case, punctuation dropped, spaces as '-', -1, -2 ... */
    private static String uniqueAnchor(String heading, Map<String, Integer> counts) {
        String rendered = LINK.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        String anchor = NOT_IN_ANCHOR.matcher(rendered.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
        int seen = counts.merge(anchor, 1, Integer::sum) - 1;
        return seen == 0 ? anchor : anchor + "-" + seen;
    }

    Path file() {
        return file;
    }

    List<Link> links() {
        return links;
    }

    List<CodeBlock> codeBlocks(String language) {
        return codeBlocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        headings.forEach(h -> anchors.add(h.anchor()));
        anchors.addAll(htmlAnchors);
        return anchors;
    }

    /** The texts of the headings of one level, in order. */
    List<String> headings(int level) {
        return headings.stream().filter(h -> h.level() == level).map(Heading::text).toList();
    }
}

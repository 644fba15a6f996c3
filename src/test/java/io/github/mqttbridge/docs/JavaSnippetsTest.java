package io.github.mqttbridge.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.MqttClient;
import java.io.File;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Every Java example in README.md and docs/*.md compiles against the client as it is, so an example cannot call a
 * method that was renamed or never existed. Each block is compiled on its own, as the body of a method, with the
 * client's package and the few JDK types the examples use imported. Nothing is run: that is the client tests' job.
 */
class JavaSnippetsTest {
    private static final String PREAMBLE = """
            import io.github.mqttbridge.client.*;
            import java.io.InputStream;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.security.KeyStore;
            import java.time.Duration;
            import java.util.List;
            import javax.net.ssl.SSLContext;
            import javax.net.ssl.TrustManagerFactory;
            import static java.nio.charset.StandardCharsets.UTF_8;

            class Snippet {
                void run() throws Exception {
            """;
    private static final String END = """
                }
            }
            """;

    static Stream<Arguments> snippets() {
        return MarkdownDocument.allFiles().stream().map(MarkdownDocument::read).flatMap(doc -> doc.codeBlocks("java")
                .stream().map(block -> Arguments.of(doc.file() + ":" + block.line(), block.code())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compiles_against_the_client(String where, String code, @TempDir Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("Snippet.java"), PREAMBLE + code + END);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(source);
            List<String> options = List.of("-d", dir.toString(), "-proc:none", "-classpath", classPath());
            boolean compiled = javac.getTask(errors, files, null, options, null, units).call();
            assertTrue(compiled, where + " does not compile:\n" + errors);
        }
    }

    /** At least the examples this test was written for, so that a parser slip cannot make it check nothing. */
    @Test
    void the_readme_and_the_client_guide_have_java_examples() {
        assertFalse(MarkdownDocument.read(Path.of("README.md")).codeBlocks("java").isEmpty());
        assertFalse(MarkdownDocument.read(Path.of("docs/client.md")).codeBlocks("java").isEmpty());
    }

    /** The client's classes and slf4j-api: what an application using the client-only jar has. */
    private static String classPath() throws URISyntaxException {
        return location(MqttClient.class) + File.pathSeparator + location(LoggerFactory.class);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}

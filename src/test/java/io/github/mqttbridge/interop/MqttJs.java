package io.github.mqttbridge.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.ClientTesting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** MQTT.js (npm {@code mqtt}) run by node as a foreign publisher or subscriber; payloads cross as hex lines. */
final class MqttJs {

    private static final HexFormat HEX = HexFormat.of();

    private MqttJs() {
    }

    /** Publishes {@code payloads} in order at {@code qos} and returns once MQTT.js has all of them acknowledged. */
    static void publish(String uri, String topic, int qos, List<byte[]> payloads) {
        Process process = start("pub", uri, topic, Integer.toString(qos));
        try {
            CompletableFuture<String> output = readAll(process);
            try (var stdin = process.getOutputStream()) {
                for (byte[] payload : payloads) {
                    stdin.write((HEX.formatHex(payload) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            finish(process, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** MQTT.js subscribed to {@code topic}, collecting {@code count} payloads. */
    static Subscriber subscribe(String uri, String topic, int qos, int count) {
        return new Subscriber(start("sub", uri, topic, Integer.toString(count), Integer.toString(qos)));
    }

    /** A running MQTT.js subscriber; it has subscribed when the constructor returns. */
    static final class Subscriber implements AutoCloseable {
        private final Process process;
        private final BufferedReader lines;

        private Subscriber(Process process) {
            this.process = process;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            try {
                String first = CompletableFuture.supplyAsync(this::readLine)
                        .orTimeout(ClientTesting.WAIT.toSeconds(), TimeUnit.SECONDS).join();
                assertEquals("SUBSCRIBED", first, "MQTT.js did not subscribe");
            } catch (RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        }

        /** Every payload it received, in arrival order, once it has its count and exited. */
        List<byte[]> payloads() {
            // the rest through the same reader: it may have buffered lines past the first already
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> String.join("\n",
                    lines.lines().toList()));
            String output = finish(process, rest);
            List<byte[]> payloads = new ArrayList<>();
            output.lines().forEach(line -> payloads.add(HEX.parseHex(line)));
            return payloads;
        }

        private String readLine() {
            try {
                return lines.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static Process start(String... arguments) {
        Path script = NodePackages.script("mqttjs-peer.mjs");
        List<String> command = new ArrayList<>(List.of(Installed.require("node", "apt-get install nodejs").toString(),
                script.toString()));
        command.addAll(List.of(arguments));
        try {
            return new ProcessBuilder(command).directory(script.getParent().toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> readAll(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String finish(Process process, CompletableFuture<String> output) {
        try {
            assertTrue(process.waitFor(ClientTesting.WAIT.toSeconds(), TimeUnit.SECONDS), "MQTT.js did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String text = output.join();
        assertEquals(0, process.exitValue(), "MQTT.js failed; it printed:\n" + text);
        return text;
    }
}

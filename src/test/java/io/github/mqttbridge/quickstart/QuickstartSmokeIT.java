package io.github.mqttbridge.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code ./quickstart.sh} as a user would, in bounded mode on free ports (1883 and 8083 may be taken on a
 * build machine), after {@code mvn package} has built the plugin it loads: every message must arrive in Kafka
 * and come back to MQTT, the script must exit 0, and no JVM it started may outlive it.
 */
class QuickstartSmokeIT {

    private static final int MESSAGES = 40;

    @Test
    void the_bounded_quickstart_accounts_for_every_message() throws Exception {
        Path output = Files.createTempFile("quickstart", ".out");
        Process quickstart = new ProcessBuilder("./quickstart.sh", "--skip-build", "--free-ports",
                "--messages", String.valueOf(MESSAGES), "--devices", "4", "--rate", "10", "--timeout", "120")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            // A ceiling for a hung quickstart, above its own limits (3 minutes per start-up step, then --timeout),
            // so that on a busy machine it is the quickstart that says what was slow, not this wait.
            boolean exited = quickstart.waitFor(10, TimeUnit.MINUTES);
            String printed = Files.readString(output);
            assertTrue(exited, "the quickstart did not finish within 10 minutes:\n" + printed);
            assertEquals(0, quickstart.exitValue(), printed);
            assertTrue(printed.contains("Summary: " + MESSAGES + " of " + MESSAGES + " published, " + MESSAGES
                    + " in Kafka, " + MESSAGES + " echoed back to MQTT"), printed);
            assertTrue(printed.contains("QUICKSTART OK"), printed);
            assertTrue(printed.contains("Try next"), printed);
            assertTrue(printed.contains("Stopped."), printed);
            assertTaskStartLines(Path.of("target", "quickstart", "connect.log"));
        } finally {
            quickstart.descendants().forEach(ProcessHandle::destroyForcibly);
            quickstart.destroyForcibly();
        }
        List<ProcessHandle> left = quickstart.descendants().filter(ProcessHandle::isAlive).toList();
        assertTrue(left.isEmpty(), "processes left behind: " + left);
    }

    /** Each task says once, on start, where it connects, as whom, to what, and with which guarantee. */
    private static void assertTaskStartLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (String prefix : List.of("MQTT source task 0 of 'mqtt-source' starting: ",
                "MQTT sink task 0 of 'mqtt-sink' starting: ")) {
            List<String> starts = lines.stream().filter(l -> l.contains(prefix)).toList();
            assertEquals(1, starts.size(), prefix + " in " + log + ": " + starts);
            String line = starts.get(0);
            for (String part : List.of("brokers [tcp://localhost:", "client id '", "guarantee: at least once")) {
                assertTrue(line.contains(part), "'" + part + "' missing in: " + line);
            }
            assertTrue(line.contains("filters [devices/+/telemetry]") || line.contains("topic template 'echo/{key}'"),
                    line);
            assertFalse(line.toLowerCase().contains("password"), line);
        }
    }
}

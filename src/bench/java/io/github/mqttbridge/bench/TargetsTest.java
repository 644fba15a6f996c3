package io.github.mqttbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets table of the client chapter is built from these checks, so a wrong pairing would misreport an aim. */
class TargetsTest {
    private static final int MESSAGES = 1_000;

    @Test
    void mqtt5ClientsAreComparedWithOursInMqtt5AtEveryQos() {
        Results results = new Results();
        add(results, Library.OURS_V5, 0, 2_000);
        add(results, Library.HIVEMQ_V5, 0, 1_000);
        add(results, Library.PAHO_V5, 0, 4_000);

        List<Targets.Check> checks = Targets.of(results).checks();

        assertEquals(2, checks.size(), checks.toString());
        Targets.Check hivemq = checks.get(0);
        assertEquals(Library.HIVEMQ_V5.id(), hivemq.theirs().client());
        assertEquals(2.0, hivemq.ratio(), 1e-9);
        assertTrue(hivemq.met());
        Targets.Check paho = checks.get(1);
        assertEquals(Library.PAHO_V5.id(), paho.theirs().client());
        assertEquals(0.5, paho.ratio(), 1e-9);
        assertFalse(paho.met());
    }

    @Test
    void mqtt3ClientsAreComparedOnlyAtQos1And2AndNeverWithMqtt5Ones() {
        Results results = new Results();
        for (int qos : List.of(0, 1)) {
            add(results, Library.OURS, qos, 3_000);
            add(results, Library.PAHO, qos, 1_000);
            add(results, Library.HIVEMQ_V5, qos, 1_000);
        }

        List<Targets.Check> checks = Targets.of(results).checks();

        assertEquals(1, checks.size(), checks.toString());
        assertEquals(new Results.Cell("mosquitto", Library.PAHO.id(), 1, 64), checks.get(0).theirs());
        assertEquals(2.0, checks.get(0).target());
        assertTrue(checks.get(0).met());
    }

    /** A round of {@link #MESSAGES} 64 B messages on Mosquitto, all received at {@code rate} per second, steadily. */
    private static void add(Results results, Library library, int qos, double rate) {
        long nanos = Math.round(MESSAGES / rate * 1e9);
        results.add(new Results.Cell("mosquitto", library.id(), qos, 64),
                new RoundResult(MESSAGES, MESSAGES, 64, nanos, nanos, rate));
    }
}

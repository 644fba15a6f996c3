package io.github.mqttbridge.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {

    @Test
    void durations_take_seconds_minutes_hours_or_a_bare_number_of_seconds() {
        assertEquals(Duration.ofSeconds(90), SoakOptions.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(10), SoakOptions.parseDuration("10m"));
        assertEquals(Duration.ofHours(1), SoakOptions.parseDuration("1H"));
        assertEquals(Duration.ofSeconds(600), SoakOptions.parseDuration(" 600 "));
        assertThrows(IllegalArgumentException.class, () -> SoakOptions.parseDuration("10d"));
    }

    @Test
    void the_replay_command_carries_the_duration_and_the_seed() {
        SoakOptions options = new SoakOptions(Duration.ofMinutes(10), -42, null, 100, 1_000, 30, 10_000, 50_000);

        assertEquals("mvn verify -Psoak -Dsoak.duration=600s -Dsoak.seed=-42", options.replayCommand());
        assertEquals(SoakOptions.parseDuration("600s"), options.duration());
    }
}

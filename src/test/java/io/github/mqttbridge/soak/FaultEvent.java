package io.github.mqttbridge.soak;

import java.time.Duration;

/**
 * One fault of the schedule.
 *
 * @param at when it began, from the start of the fault phase
 * @param length from its beginning to its end (zero for an instant one such as a cut)
 * @param recovery from its end until a message published after the end had come through the whole loop, on every
 *                 QoS lane
 */
record FaultEvent(Fault fault, String detail, Duration at, Duration length, Duration recovery) {
}

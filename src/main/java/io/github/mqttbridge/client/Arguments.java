package io.github.mqttbridge.client;

import java.time.Duration;

/** The argument checks of the API, each naming the parameter and the value it was given. */
final class Arguments {
    private Arguments() {
    }

    static Duration positive(Duration d, String parameter) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + d);
        }
        return d;
    }

    static long atLeast(long value, long min, String parameter) {
        if (value < min) {
            throw new IllegalArgumentException(parameter + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** {@code unit} follows the bounds in the message, e.g. " bytes", or is empty. */
    static long between(long value, long min, long max, String unit, String parameter) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(parameter + " must be between " + min + " and " + max + unit
                    + ", was " + value);
        }
        return value;
    }
}

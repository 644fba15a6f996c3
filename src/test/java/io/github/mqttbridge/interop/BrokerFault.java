package io.github.mqttbridge.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a broker's version of a cell where the broker, not our client, departs from MQTT 3.1.1 or from what users
 * expect. The cell then asserts what our client does about it (no reconnect loop, a clear error, no loss of what
 * the broker accepted), and the compatibility table shows it as the broker's fault with this reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface BrokerFault {
    /** What the broker does, for the table's footnote. */
    String value();

    /** Where the broker documents it or fixed it: issue, pull request or changelog. */
    String reference();
}

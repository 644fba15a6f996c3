package io.github.mqttbridge.client;

/**
 * An MQTT 5 user property: a name and a value, both UTF-8 strings. A message or a connection may carry any number
 * of them, in order, and a name may repeat.
 */
public record UserProperty(String name, String value) {
    public UserProperty {
        if (name == null || value == null) {
            throw new IllegalArgumentException("user property name and value must not be null, were " + name
                    + " and " + value);
        }
        Arguments.utf8(name, "user property name");
        Arguments.utf8(value, "user property value");
    }
}

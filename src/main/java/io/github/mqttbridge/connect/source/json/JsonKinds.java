package io.github.mqttbridge.connect.source.json;

import com.fasterxml.jackson.databind.JsonNode;

/** How a JSON value is named in the reasons of bad records. */
final class JsonKinds {
    private static final int SHOWN_CHARS = 40;

    private JsonKinds() {
    }

    /** e.g. {@code a string ("warm")} or {@code an object}. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string (" + shortened(node.toString()) + ")";
            case NUMBER -> (node.isIntegralNumber() ? "an integer (" : "a number (") + shortened(node.toString()) + ")";
            case BOOLEAN -> "a boolean (" + node.booleanValue() + ")";
            default -> "null";
        };
    }

    private static String shortened(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}

package io.github.mqttbridge.connect.source.sparkplug;

import io.github.mqttbridge.connect.task.BadRecordException;

/**
 * A topic of the Sparkplug B namespace: {@code spBv1.0/<group>/<type>/<edge node>[/<device>]}, or a host
 * application's {@code spBv1.0/STATE/<host id>} (Sparkplug 3.0) and {@code STATE/<host id>} (earlier versions).
 * Fields a topic does not have are null.
 */
record SparkplugTopic(MessageType type, String group, String edgeNode, String device, String hostId) {
    static final String NAMESPACE = "spBv1.0";
    private static final String STATE = "STATE";

    enum MessageType {
        NBIRTH, NDEATH, DBIRTH, DDEATH, NDATA, DDATA, NCMD, DCMD, STATE;

        boolean ofDevice() {
            return this == DBIRTH || this == DDEATH || this == DDATA || this == DCMD;
        }
    }

    static SparkplugTopic parse(String topic) throws BadRecordException {
        String[] levels = topic.split("/", -1);
        if (levels.length == 2 && levels[0].equals(STATE)) {
            return state(levels[1], topic);
        }
        if (levels.length < 3 || !levels[0].equals(NAMESPACE)) {
            throw new BadRecordException("'" + topic + "' is not a Sparkplug B topic (" + NAMESPACE + "/<group>/<type>/"
                    + "<edge node>[/<device>] or " + NAMESPACE + "/STATE/<host id>)");
        }
        if (levels.length == 3 && levels[1].equals(STATE)) {
            return state(levels[2], topic);
        }
        MessageType type = type(levels[2], topic);
        int expected = type.ofDevice() ? 5 : 4;
        if (type == MessageType.STATE || levels.length != expected || levels[1].isEmpty() || levels[3].isEmpty()
                || type.ofDevice() && levels[4].isEmpty()) {
            throw new BadRecordException("'" + topic + "' is no Sparkplug B " + levels[2] + " topic: it has "
                    + (type.ofDevice() ? NAMESPACE + "/<group>/" + type + "/<edge node>/<device>"
                    : NAMESPACE + "/<group>/" + type + "/<edge node>"));
        }
        return new SparkplugTopic(type, levels[1], levels[3], type.ofDevice() ? levels[4] : null, null);
    }

    private static SparkplugTopic state(String hostId, String topic) throws BadRecordException {
        if (hostId.isEmpty()) {
            throw new BadRecordException("'" + topic + "' is a Sparkplug STATE topic without a host id");
        }
        return new SparkplugTopic(MessageType.STATE, null, null, null, hostId);
    }

    private static MessageType type(String level, String topic) throws BadRecordException {
        try {
            return MessageType.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new BadRecordException("'" + topic + "' has '" + level + "' where a Sparkplug B message type (NBIRTH, "
                    + "NDATA, NDEATH, DBIRTH, DDATA, DDEATH, NCMD, DCMD) belongs");
        }
    }

    /** The record key: {@code <group>/<edge node>[/<device>]}, or {@code STATE/<host id>}. */
    String key() {
        if (type == MessageType.STATE) {
            return STATE + "/" + hostId;
        }
        return device == null ? group + "/" + edgeNode : group + "/" + edgeNode + "/" + device;
    }

    /** The BIRTH scope whose aliases this message uses: the node, or the device. */
    String aliasScope() {
        return group + "/" + edgeNode + (device == null ? "" : "/" + device);
    }

    /** The scope of the node, which is also the prefix of its devices' scopes. */
    String nodeScope() {
        return group + "/" + edgeNode;
    }
}

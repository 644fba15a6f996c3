package io.github.mqttbridge.soak;

import java.util.List;

/**
 * The count of one QoS lane after the soak.
 *
 * @param exactlyOnce whether the lane's source connector ran in Kafka Connect's exactly-once mode
 * @param published publish calls made
 * @param sent messages the broker took (QoS 1: PUBACK, QoS 2: PUBCOMP; QoS 0: written to the socket)
 * @param failedToSend publishes the client gave up on; not the bridge's to deliver
 * @param inKafka distinct numbered messages in the lane's Kafka topic, read_committed
 * @param kafkaDuplicates records in Kafka beyond the first of each message, read_committed
 * @param lostBeforeKafka sent messages Kafka never got
 * @param lostByKafka sent messages whose records Kafka dropped after committing them (a Kafka bug: a transaction its
 *                    coordinator committed but whose partition never got the marker, aborted to unblock it); not the
 *                    bridge's loss, so neither here nor in {@code lost}
 * @param received distinct numbered messages at the subscriber behind the sink
 * @param receivedDuplicates arrivals at the subscriber beyond the first of each message
 * @param lost sent messages the subscriber never got
 * @param firstMissing the numbers of the first few messages the subscriber never got, for failure messages
 * @param firstKafkaDuplicates the first few messages Kafka holds twice, with their publish times and offsets, for
 *                             failure messages
 */
record LaneResult(int qos, String version, boolean exactlyOnce, int published, int sent, int failedToSend,
                  int inKafka, int kafkaDuplicates, int lostBeforeKafka, int lostByKafka, int received,
                  int receivedDuplicates,
                  int lost, List<Integer> firstMissing, List<String> firstKafkaDuplicates) {

    /**
     * QoS 1 and 2 must lose nothing; QoS 0 loss is reported, not failed. The exactly-once lane must moreover write
     * no message to Kafka twice; what its at-least-once sink republishes is counted, not failed, as in every lane.
     */
    boolean passed() {
        return qos == 0 || (lost == 0 && lostBeforeKafka == 0 && (!exactlyOnce || kafkaDuplicates == 0));
    }
}

package io.github.mqttbridge.connect.task;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a bad record, per Connect's {@code errors.tolerance}, the same in both directions: with
 * {@code none} the task fails; with {@code all} the record goes to the dead letter queue when one is configured,
 * or is logged and skipped. Either way a tolerated record counts as done, or it would come again for ever.
 */
public final class ErrorPolicy {
    private static final Logger log = LoggerFactory.getLogger(ErrorPolicy.class);

    /** What the caller does with a tolerated bad record. */
    public enum Outcome {
        DEAD_LETTER,
        SKIP
    }

    private final boolean tolerateAll;
    private final String deadLetterQueue;
    private final String remedy;
    private final String deadLetterQueueKey;

    /**
     * @param deadLetterQueue    where tolerated records go, as logs name it; null when there is none
     * @param remedy             what the user can fix, as the failure message says it
     * @param deadLetterQueueKey the key that configures a dead letter queue in this direction
     */
    public ErrorPolicy(boolean tolerateAll, String deadLetterQueue, String remedy, String deadLetterQueueKey) {
        this.tolerateAll = tolerateAll;
        this.deadLetterQueue = deadLetterQueue;
        this.remedy = remedy;
        this.deadLetterQueueKey = deadLetterQueueKey;
    }

    /**
     * Fails the task with {@code errors.tolerance=none}; else logs and says where the record goes.
     *
     * @param what names the record for the user, e.g. "the message on MQTT topic 'plant/line-1'"
     */
    public Outcome handle(String what, BadRecordException e) {
        if (!tolerateAll) {
            throw new ConnectException("Cannot convert " + what + ": " + e.getMessage() + ". " + remedy
                    + ", or set errors.tolerance=all to skip such records (with " + deadLetterQueueKey
                    + " to keep them).", e);
        }
        if (deadLetterQueue == null) {
            log.warn("Skipping {} (errors.tolerance=all, no dead letter queue): {}", what, e.getMessage());
            return Outcome.SKIP;
        }
        log.warn("Sending {} to the dead letter queue {}: {}", what, deadLetterQueue, e.getMessage());
        return Outcome.DEAD_LETTER;
    }
}

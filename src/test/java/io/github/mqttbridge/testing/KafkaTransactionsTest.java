package io.github.mqttbridge.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which aborted hanging transactions had been committed by their coordinator: Kafka's loss, not the producer's. */
class KafkaTransactionsTest {
    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private static final ProducerState OPEN_AT_EPOCH_55 = new ProducerState(2, 55, 9, 0, OptionalInt.of(0),
            OptionalLong.of(283));

    private static KafkaTransactions.Aborted abortedWith(TransactionState state, int coordinatorEpoch) {
        return new KafkaTransactions.Aborted(PARTITION, OPEN_AT_EPOCH_55, new TransactionDescription(0, state, 2,
                coordinatorEpoch, 60_000, OptionalLong.of(0), Set.of()));
    }

    @Test
    void a_transaction_its_coordinator_committed_at_the_next_epoch_was_committed() {
        assertTrue(abortedWith(TransactionState.COMPLETE_COMMIT, 56).committedByItsCoordinator());
    }

    @Test
    void an_aborted_or_superseded_transaction_was_not() {
        assertFalse(abortedWith(TransactionState.COMPLETE_ABORT, 56).committedByItsCoordinator());
        assertFalse(abortedWith(TransactionState.EMPTY, 57).committedByItsCoordinator(),
                "the hang seen before: the coordinator fenced the producer, which was told nothing committed");
        assertFalse(abortedWith(TransactionState.COMPLETE_COMMIT, 58).committedByItsCoordinator(),
                "a later transaction of the producer committed; this one's fate is not known here");
    }
}

package io.github.mqttbridge.connect.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class ErrorPolicyTest {
    private static final BadRecordException BAD = new BadRecordException("not JSON");

    @Test
    void tolerance_none_fails_naming_the_record_the_reason_and_the_remedies() {
        ErrorPolicy policy = new ErrorPolicy(false, "topic 'dlq'", "Fix the publisher", "the.dlq.key");
        ConnectException e = assertThrows(ConnectException.class, () -> policy.handle("record r", BAD));
        assertTrue(e.getMessage().startsWith("Cannot convert record r: not JSON. Fix the publisher, or set "
                + "errors.tolerance=all"), e.getMessage());
        assertTrue(e.getMessage().contains("the.dlq.key"), e.getMessage());
        assertSame(BAD, e.getCause());
    }

    @Test
    void tolerance_all_sends_to_the_dead_letter_queue_when_there_is_one_and_skips_otherwise() {
        assertEquals(ErrorPolicy.Outcome.DEAD_LETTER,
                new ErrorPolicy(true, "topic 'dlq'", "Fix it", "k").handle("record r", BAD));
        assertEquals(ErrorPolicy.Outcome.SKIP, new ErrorPolicy(true, null, "Fix it", "k").handle("record r", BAD));
    }
}

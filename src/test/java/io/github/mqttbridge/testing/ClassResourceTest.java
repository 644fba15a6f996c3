package io.github.mqttbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small test classes that use {@link ClassResource} through the JUnit launcher and reads what happened. */
class ClassResourceTest {

    /** What the resources of the class under run did, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private record Named(String name) implements AutoCloseable {
        static Named start(String name) {
            EVENTS.add("start " + name);
            return new Named(name);
        }

        @Override
        public void close() {
            EVENTS.add("close " + name);
        }
    }

    static class TwoResourcesAndAFailingTest {
        @RegisterExtension
        @Order(1)
        static final ClassResource<Named> first = ClassResource.of(() -> Named.start("first"));
        @RegisterExtension
        @Order(2)
        static final ClassResource<Named> second = ClassResource.of(() -> Named.start("second:" + first.get().name()));

        @Test
        void uses_both() {
            EVENTS.add("test " + first.get().name() + " " + second.get().name());
        }

        @Test
        void fails() {
            throw new AssertionError("planted");
        }

        @Nested
        class Inner {
            @Test
            void sees_the_outer_resources() {
                EVENTS.add("nested " + second.get().name());
            }
        }
    }

    static class ASecondStartFails {
        @RegisterExtension
        @Order(1)
        static final ClassResource<Named> first = ClassResource.of(() -> Named.start("first"));
        @RegisterExtension
        @Order(2)
        static final ClassResource<Named> broken = ClassResource.of(() -> {
            throw new IllegalStateException("planted");
        });

        @Test
        void never_runs() {
            EVENTS.add("test");
        }
    }

    static class AnAssumptionInAStart {
        @RegisterExtension
        static final ClassResource<Named> missing = ClassResource.of(() -> {
            Assumptions.assumeTrue(false, "not installed here");
            return Named.start("missing");
        });

        @Test
        void never_runs() {
            EVENTS.add("test");
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        EVENTS.clear();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), summary);
        return summary.getSummary();
    }

    @Test
    void resources_start_in_order_once_for_the_class_and_nested_classes_and_close_in_reverse_after_a_failure() {
        TestExecutionSummary summary = run(TwoResourcesAndAFailingTest.class);
        assertEquals(2, summary.getTestsSucceededCount());
        assertEquals(1, summary.getTestsFailedCount());
        assertEquals("start first", EVENTS.get(0));
        assertEquals("start second:first", EVENTS.get(1));
        assertEquals(List.of("close second:first", "close first"), EVENTS.subList(EVENTS.size() - 2, EVENTS.size()));
        assertEquals(2, EVENTS.stream().filter(e -> e.startsWith("start")).count(), EVENTS::toString);
    }

    @Test
    void a_failed_start_fails_the_class_and_still_closes_what_had_started() {
        TestExecutionSummary summary = run(ASecondStartFails.class);
        assertEquals(0, summary.getTestsStartedCount());
        assertEquals(1, summary.getContainersFailedCount());
        assertEquals(List.of("start first", "close first"), EVENTS);
    }

    @Test
    void an_assumption_failing_in_a_start_skips_the_class() {
        TestExecutionSummary summary = run(AnAssumptionInAStart.class);
        assertEquals(0, summary.getTestsStartedCount());
        assertEquals(0, summary.getContainersFailedCount());
        assertEquals(1, summary.getContainersAbortedCount());
        assertEquals(List.of(), EVENTS);
    }
}

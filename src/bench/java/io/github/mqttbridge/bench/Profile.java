package io.github.mqttbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR execution samples, summarised as the hottest leaf frames and the hottest frames of our own code (the
 * innermost frame of a given package on each sampled stack), so the report can say where our time goes without a
 * separate profiler run. {@link #of} samples this JVM while a task runs; {@link #read} summarises a recording made
 * elsewhere, e.g. of a Connect worker's JVM.
 */
final class Profile {
    private static final String CLIENT_PACKAGE = "io.github.mqttbridge.client.";
    private static final String CLIENT_INTRO = " execution samples (every 1 ms per thread running Java code; threads"
            + " blocked in socket calls or waiting are not sampled; publisher and subscriber run in one JVM, so both"
            + " sides are in them).\n\nThreads running Java code (`main` is the benchmark loop calling publish):\n\n";
    private static final int TOP = 12;

    private final String ourPackage;
    private final String intro;
    private final String leafMeaning;

    private final Map<String, Integer> leaves = new HashMap<>();
    private final Map<String, Integer> ours = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    /** Per thread, the samples with a frame of our package anywhere on the stack: our code or what it called. */
    private final Map<String, Integer> threadsInOurCode = new HashMap<>();
    private int samples;

    private Profile(String ourPackage, String intro, String leafMeaning) {
        this.ourPackage = ourPackage;
        this.intro = intro;
        this.leafMeaning = leafMeaning;
    }

    interface Task {
        void run() throws Exception;
    }

    static Profile of(Task task) throws Exception {
        Path file = Files.createTempFile("mqttbridge-bench", ".jfr");
        try {
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
                recording.start();
                task.run();
                recording.stop();
                recording.dump(file);
            }
            return read(file, "jdk.ExecutionSample", CLIENT_PACKAGE, CLIENT_INTRO);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The samples of one event type of a JFR file ({@code jdk.ExecutionSample} for CPU,
     * {@code jdk.ObjectAllocationSample} for allocations); {@code ourPackage} (with its trailing dot) names the frames
     * of the second table, {@code intro} follows the sample count and says what was sampled.
     */
    static Profile read(Path jfr, String eventType, String ourPackage, String intro) throws IOException {
        Profile profile = new Profile(ourPackage, intro, eventType.equals("jdk.ExecutionSample")
                ? "where the CPU was" : "the methods that allocated");
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (event.getEventType().getName().equals(eventType) && event.getStackTrace() != null
                    && !event.getStackTrace().getFrames().isEmpty()) {
                profile.add(event.getThread(eventType.equals("jdk.ExecutionSample") ? "sampledThread" : "eventThread")
                        .getJavaName(), event.getStackTrace().getFrames());
            }
        }
        return profile;
    }

    private void add(String thread, List<RecordedFrame> frames) {
        samples++;
        // the round id in the thread names only repeats what the section is about
        String threadName = thread == null ? "?" : thread.replaceFirst("^mqtt-profile-.*?-(pub|sub)-", "$1-");
        threads.merge(threadName, 1, Integer::sum);
        leaves.merge(name(frames.get(0)), 1, Integer::sum);
        frames.stream().map(Profile::name).filter(n -> n.startsWith(ourPackage)).findFirst()
                .ifPresent(n -> {
                    ours.merge(n, 1, Integer::sum);
                    threadsInOurCode.merge(threadName, 1, Integer::sum);
                });
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    int samples() {
        return samples;
    }

    /**
     * The share of the samples of the threads that {@code select} picks (by name) that had a frame of our package
     * on the stack; NaN when there were none.
     */
    double shareInOurCode(Predicate<String> select) {
        int all = threads.entrySet().stream().filter(e -> select.test(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        int inOurs = threadsInOurCode.entrySet().stream().filter(e -> select.test(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        return all == 0 ? Double.NaN : (double) inOurs / all;
    }

    String markdown() {
        return samples + intro + table(threads, "Thread")
                + "\nHottest leaf frames (" + leafMeaning + "):\n\n" + table(leaves, "Frame")
                + "\nHottest frames of our code (innermost " + ourPackage.substring(0, ourPackage.length() - 1)
                + " frame of each sample):\n\n"
                + table(ours, "Frame");
    }

    private String table(Map<String, Integer> counts, String heading) {
        StringBuilder sb = new StringBuilder("| Samples | Share | " + heading + " |\n|---:|---:|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "| %d | %.1f%% | `%s` |%n", e.getValue(),
                        100.0 * e.getValue() / samples, e.getKey())));
        return sb.toString();
    }
}

package io.github.mqttbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * JFR execution samples of this JVM while a task runs, summarised as the hottest leaf frames and the hottest
 * frames of our own client (the innermost frame of io.github.mqttbridge.client on each sampled stack), so the
 * report can say where our time goes without a separate profiler run.
 */
final class Profile {
    private static final String OUR_PACKAGE = "io.github.mqttbridge.client.";
    private static final int TOP = 12;

    private final Map<String, Integer> leaves = new HashMap<>();
    private final Map<String, Integer> ours = new HashMap<>();
    private final Map<String, Integer> threads = new HashMap<>();
    private int samples;

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
            Profile profile = new Profile();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getStackTrace() != null && !event.getStackTrace().getFrames().isEmpty()) {
                    profile.add(event.getThread("sampledThread").getJavaName(), event.getStackTrace().getFrames());
                }
            }
            return profile;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void add(String thread, List<RecordedFrame> frames) {
        samples++;
        // the round id in the thread names only repeats what the section is about
        threads.merge(thread == null ? "?" : thread.replaceFirst("^mqtt-profile-.*?-(pub|sub)-", "$1-"), 1,
                Integer::sum);
        leaves.merge(name(frames.get(0)), 1, Integer::sum);
        frames.stream().map(Profile::name).filter(n -> n.startsWith(OUR_PACKAGE)).findFirst()
                .ifPresent(n -> ours.merge(n, 1, Integer::sum));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    int samples() {
        return samples;
    }

    String markdown() {
        return samples + " execution samples (every 1 ms per thread running Java code; threads blocked in socket"
                + " calls or waiting are not sampled; publisher and subscriber run in one JVM, so both sides are in"
                + " them).\n\n"
                + "Threads running Java code (`main` is the benchmark loop calling publish):\n\n"
                + table(threads, "Thread")
                + "\nHottest leaf frames (where the CPU was):\n\n" + table(leaves, "Frame")
                + "\nHottest frames of our client (innermost io.github.mqttbridge.client frame of each sample):\n\n"
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

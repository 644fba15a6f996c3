package io.github.mqttbridge.bench;

/**
 * One chapter of the benchmark suite: it runs its measurements, prints a table row to
 * {@link SuiteOptions#out()} as each figure comes in, and returns its chapter of docs/benchmarks.md.
 */
public interface BenchSection {

    /** Short name used on the command line to select sections and as the prefix of its chart files. */
    String id();

    /**
     * Runs the measurements and returns the chapter as Markdown, starting with a {@code ## } heading. Charts go to
     * {@link SuiteOptions#chartDir()} and are linked from the Markdown with {@link SuiteOptions#chartLink}.
     */
    String run(SuiteOptions options) throws Exception;
}

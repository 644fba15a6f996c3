package io.github.mqttbridge.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every section of the benchmark suite is told: how big a run to make, how often to repeat each figure, where
 * its charts go and where to print progress.
 *
 * @param size quick for a smoke run, standard for the report, large for longer and bigger runs
 * @param reps measured repetitions of each figure (the report gives their median and range)
 * @param chartDir directory of the PNG charts, bench/ next to the report (docs/benchmarks.md)
 * @param reportDir directory of the report, against which chart links are relative
 * @param out where progress lines and table rows are printed as they are measured
 */
public record SuiteOptions(Size size, int reps, Path chartDir, Path reportDir, PrintStream out) {

    public enum Size { QUICK, STANDARD, LARGE }

    /** Scales a message count chosen for the standard size to the selected size. */
    public int scaled(int standardCount) {
        return switch (size) {
            case QUICK -> Math.max(1, standardCount / 10);
            case STANDARD -> standardCount;
            case LARGE -> standardCount * 5;
        };
    }

    /** A Markdown image link to a chart written under {@link #chartDir()}. */
    public String chartLink(String altText, Path chart) {
        return "![" + altText + "](" + reportDir.toAbsolutePath().relativize(chart.toAbsolutePath())
                .toString().replace('\\', '/') + ")";
    }
}

package io.github.mqttbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The suite's command line: {@code --quick} or {@code --large} (standard otherwise), {@code --only=a,b},
 * {@code --reps=N} and {@code --out=FILE}.
 *
 * @param only section ids to run, empty for all
 * @param args the arguments as given, for the command line quoted in the report
 */
record BenchOptions(SuiteOptions.Size size, int reps, List<String> only, Path report, String args) {

    static final String USAGE = "usage: bench/run [--quick | --large] [--only=section,...] [--reps=N]"
            + " [--out=FILE]\n  --quick  smoke run (small counts, 1 repetition)\n  --large  5x the standard counts,"
            + " 5 repetitions\n  --only   run these sections and keep the other chapters of the report as they"
            + " are\n  --reps   measured repetitions of each figure (default 1 quick, 3 standard, 5 large)\n"
            + "  --out    the report to rewrite (default docs/benchmarks.md)";

    static BenchOptions parse(String[] argv) {
        SuiteOptions.Size size = SuiteOptions.Size.STANDARD;
        Integer reps = null;
        List<String> only = List.of();
        Path report = Path.of("docs", "benchmarks.md");
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? "" : arg.substring(eq + 1);
            switch (name) {
                case "--quick" -> size = SuiteOptions.Size.QUICK;
                case "--large" -> size = SuiteOptions.Size.LARGE;
                case "--reps" -> reps = positive(arg, value);
                case "--only" -> only = ids(arg, value);
                case "--out" -> report = Path.of(value);
                case "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        return new BenchOptions(size, reps != null ? reps : defaultReps(size), only, report, String.join(" ", argv));
    }

    boolean selects(String sectionId) {
        return only.isEmpty() || only.contains(sectionId);
    }

    private static int defaultReps(SuiteOptions.Size size) {
        return switch (size) {
            case QUICK -> 1;
            case STANDARD -> 3;
            case LARGE -> 5;
        };
    }

    private static List<String> ids(String arg, String value) {
        List<String> ids = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(arg + ": expected section ids separated by commas");
        }
        return List.copyOf(ids);
    }

    private static int positive(String arg, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(arg + ": expected a positive number");
    }
}

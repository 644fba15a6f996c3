package io.github.mqttbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The aims of a chapter, each compared with the figure measured for it, as a Markdown table. */
final class TargetTable {

    /** One aim: {@code measured} against {@code limit}, met when at least it ({@code atLeast}) or below it. */
    record Target(String what, String measuredText, double measured, boolean atLeast, double limit, String limitText) {
        boolean met() {
            return atLeast ? measured >= limit : measured < limit;
        }
    }

    private final List<Target> targets = new ArrayList<>();

    Target atLeast(String what, double measured, double limit, String format) {
        return add(new Target(what, String.format(Locale.ROOT, format, measured), measured, true, limit,
                "≥ " + String.format(Locale.ROOT, format, limit)));
    }

    Target below(String what, double measured, double limit, String format) {
        return add(new Target(what, String.format(Locale.ROOT, format, measured), measured, false, limit,
                "< " + String.format(Locale.ROOT, format, limit)));
    }

    private Target add(Target target) {
        targets.add(target);
        return target;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| Target | Measured | Aim | Met |\n|---|---:|---:|---|\n");
        for (Target t : targets) {
            sb.append("| ").append(t.what()).append(" | ").append(t.measuredText()).append(" | ")
                    .append(t.limitText()).append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
        }
        return sb.toString();
    }
}

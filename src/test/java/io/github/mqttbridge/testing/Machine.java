package io.github.mqttbridge.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** What the figures were measured on, so a reader can tell whether they compare to theirs. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return "- Cores (Runtime.availableProcessors): " + Runtime.getRuntime().availableProcessors() + "\n"
                + "- Memory: " + gib(os.getTotalMemorySize()) + " physical, JVM max heap "
                + gib(Runtime.getRuntime().maxMemory()) + "\n"
                + "- Java: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + "\n"
                + "- JVM options: `" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                + "`\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n"
                + "- Broker: " + mosquittoVersion() + "\n";
    }

    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String mosquittoVersion() {
        try {
            Process p = new ProcessBuilder(MosquittoBroker.executable().orElseThrow().toString(), "-h")
                    .redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            return first.isBlank() ? "mosquitto (version unknown)" : first.trim();
        } catch (IOException e) {
            return "mosquitto (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "mosquitto (version unknown)";
        }
    }
}

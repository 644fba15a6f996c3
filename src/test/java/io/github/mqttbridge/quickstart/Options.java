package io.github.mqttbridge.quickstart;

import java.time.Duration;

/** The quickstart's command line. */
record Options(int messages, int devices, double ratePerDevice, boolean freePorts, String mqttUri, Duration timeout,
               boolean help) {

    static final String USAGE = """
            Usage: ./quickstart.sh [options]
              --messages N     publish N messages in all, wait until each is in Kafka and echoed back to MQTT,
                               print a summary and exit: 0 when none was lost, 1 otherwise.
                               Without it the demo runs until Ctrl-C.
              --devices N      simulated devices (default 5)
              --rate R         messages per second per device (default 2)
              --free-ports     take free ports instead of 1883 (MQTT) and 8083 (Connect REST)
              --mqtt-uri URI   use this MQTT broker instead of starting one (e.g. tcp://localhost:1883)
              --timeout S      with --messages: seconds to wait for every message (default 120)
              --skip-build     do not run mvn package first (the plugin in target/plugins is used as it is)
            """;

    static Options parse(String[] args) {
        int messages = 0;
        int devices = 5;
        double rate = 2;
        boolean freePorts = false;
        String mqttUri = null;
        Duration timeout = Duration.ofSeconds(120);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--messages" -> messages = positive(arg, value(args, ++i, arg));
                case "--devices" -> devices = positive(arg, value(args, ++i, arg));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, arg));
                case "--free-ports" -> freePorts = true;
                case "--mqtt-uri" -> mqttUri = value(args, ++i, arg);
                case "--timeout" -> timeout = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
                // Handled by quickstart.sh; accepted here so that the script can pass every argument on.
                case "--skip-build" -> { }
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, was " + rate);
        }
        return new Options(messages, devices, rate, freePorts, mqttUri, timeout, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, was '" + value + "'");
    }
}

package io.github.mqttbridge.bench;

import io.github.mqttbridge.bench.ThreadProfile.Counters;
import io.github.mqttbridge.bench.ThreadProfile.Owner;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where a record's CPU went by whose code ran: the worker's threads grouped by {@link Owner} over the measured
 * windows and, for Connect's task thread and Kafka's client threads, which also run our code, the share of their
 * JFR samples that had our code on the stack. What is ours to cut then reads apart from what Connect, Kafka and the
 * JVM cost on their own.
 */
final class OwnerSplit {
    private final Map<Owner, Counters> byOwner;
    private final long records;
    private final ToDoubleFunction<Owner> sampledInOurCode;

    /**
     * {@code sampledInOurCode}: of an owner's threads, the share of their JFR execution samples, in a round like
     * those that {@code byOwner} sums, that had our code on the stack (NaN for none sampled).
     */
    OwnerSplit(Map<Owner, Counters> byOwner, long records, ToDoubleFunction<Owner> sampledInOurCode) {
        this.byOwner = byOwner;
        this.records = records;
        this.sampledInOurCode = sampledInOurCode;
    }

    /** The share {@code profile}'s samples give each owner's threads. */
    static ToDoubleFunction<Owner> sampledInOurCode(Profile profile) {
        return owner -> profile.shareInOurCode(thread -> Owner.of(ThreadProfile.kind(thread)) == owner);
    }

    /** The share of an owner's CPU that was our code: all of our client's, none of the JVM's or the benchmark's. */
    double oursShare(Owner owner) {
        return switch (owner) {
            case MQTT -> 1;
            case TASK, KAFKA -> {
                double share = sampledInOurCode.applyAsDouble(owner);
                yield Double.isNaN(share) ? 0 : share;
            }
            case JVM, MEASUREMENT, OTHER -> 0;
        };
    }

    double micros(Owner owner) {
        return byOwner.getOrDefault(owner, new Counters(0, 0, 0, 0)).cpuNanos() / 1e3 / records;
    }

    double kernelMicros(Owner owner) {
        return byOwner.getOrDefault(owner, new Counters(0, 0, 0, 0)).systemNanos() / 1e3 / records;
    }

    double oursMicros() {
        double sum = 0;
        for (Owner owner : Owner.values()) {
            sum += micros(owner) * oursShare(owner);
        }
        return sum;
    }

    /** What Connect, Kafka and the JVM took, the benchmark's own reads left out. */
    double theirsMicros() {
        double sum = 0;
        for (Owner owner : Owner.values()) {
            if (owner != Owner.MEASUREMENT) {
                sum += micros(owner) * (1 - oursShare(owner));
            }
        }
        return sum;
    }

    /** The table, and what it says about an aim of {@code aimMicros} a record. */
    String markdown(double aimMicros) {
        StringBuilder md = new StringBuilder("""
                The same CPU by whose work each thread does, and for the threads that run other code besides ours \
                the share of their JFR samples, in one extra round, that had our code on the stack (our `poll()` \
                and record mapping on the task thread; the acknowledgements the producer's callbacks give on \
                Kafka's). JFR samples Java code only, so the share is applied to the whole of a thread's time, \
                kernel included.

                | Threads | CPU µs/rec | of which kernel | JFR samples in our code | ours µs/rec | not ours µs/rec |
                |---|---:|---:|---:|---:|---:|
                """);
        for (Owner owner : Owner.values()) {
            double us = micros(owner);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f %% | %.1f | %.1f |%n", owner.description(),
                    us, kernelMicros(owner), 100 * oursShare(owner), us * oursShare(owner),
                    us * (1 - oursShare(owner))));
        }
        double ours = oursMicros();
        double theirs = theirsMicros();
        md.append(String.format(Locale.ROOT, "%nConnect, Kafka and the JVM took %.1f µs a record on their own, and "
                        + "the benchmark's JMX reads %.1f. ", theirs, micros(Owner.MEASUREMENT)));
        if (theirs >= aimMicros) {
            md.append(String.format(Locale.ROOT, "That alone, without any of our code's, is more than the aim of "
                    + "%.1f µs. ", aimMicros));
        } else {
            md.append(String.format(Locale.ROOT, "The aim of %.1f µs leaves %.1f µs a record for our code, which "
                    + "took %.1f. ", aimMicros, aimMicros - theirs, ours));
        }
        md.append(String.format(Locale.ROOT, "Of ours, our MQTT client's threads took %.1f µs, %.1f of it in the "
                + "kernel: the socket reads and writes of each message and its acknowledgement.%n%n",
                micros(Owner.MQTT), kernelMicros(Owner.MQTT)));
        return md.toString();
    }
}

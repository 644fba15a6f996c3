package io.github.mqttbridge.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A row of the compatibility table: one case of our client, run against every broker. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Cell {
    /** Its position in the table, top first. */
    int row();

    /** What the row says in docs/compatibility.md. */
    String value();
}

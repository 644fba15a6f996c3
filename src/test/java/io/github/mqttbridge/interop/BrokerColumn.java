package io.github.mqttbridge.interop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The compatibility table's column for a broker's cells. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@interface BrokerColumn {
    /** Its position, left first. */
    int column();

    /** The broker and version as the table names it. */
    String value();
}

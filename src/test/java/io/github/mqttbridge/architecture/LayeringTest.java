package io.github.mqttbridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.stream.Stream;

/**
 * The layers of the plugin, from the bottom: the client's spec datatypes, its codec, then its transport, session
 * and persistence, then its engine, then its public API; the connectors on top, each using only that API, the
 * source and the sink never each other. Checked on the main classes only.
 */
@AnalyzeClasses(packages = "io.github.mqttbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String API = "io.github.mqttbridge.client";
    private static final String INTERNAL = "io.github.mqttbridge.client.internal..";

    @ArchTest
    static final ArchRule the_client_imports_nothing_of_kafka_or_the_connectors = noClasses()
            .that().resideInAPackage("io.github.mqttbridge.client..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.github.mqttbridge.connect..");

    @ArchTest
    static final ArchRule the_datatypes_import_nothing_else_of_the_client = noClasses()
            .that().resideInAPackage("..client.internal.datatypes..")
            .should().dependOnClassesThat().resideInAnyPackage(API, "..client.internal.codec..",
                    "..client.internal.transport..", "..client.internal.session..", "..client.internal.persistence..",
                    "..client.internal.engine..");

    @ArchTest
    static final ArchRule the_codec_imports_neither_session_transport_nor_engine = noClasses()
            .that().resideInAPackage("..client.internal.codec..")
            .should().dependOnClassesThat().resideInAnyPackage(API, "..client.internal.transport..",
                    "..client.internal.session..", "..client.internal.persistence..", "..client.internal.engine..");

    @ArchTest
    static final ArchRule only_the_engine_joins_transport_and_session = noClasses()
            .that().resideInAnyPackage("..client.internal.transport..", "..client.internal.session..",
                    "..client.internal.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(API, "..client.internal.engine..");

    @ArchTest
    static final ArchRule the_internals_never_reach_up_into_the_api = noClasses()
            .that().resideInAPackage(INTERNAL)
            .should().dependOnClassesThat().resideInAPackage(API);

    @ArchTest
    static final ArchRule the_connectors_use_only_the_clients_public_api = noClasses()
            .that().resideInAPackage("io.github.mqttbridge.connect..")
            .should().dependOnClassesThat().resideInAPackage(INTERNAL);

    @ArchTest
    static final ArchRule the_source_never_imports_the_sink = noClasses()
            .that().resideInAPackage("..connect.source..")
            .should().dependOnClassesThat().resideInAPackage("..connect.sink..");

    @ArchTest
    static final ArchRule the_sink_never_imports_the_source = noClasses()
            .that().resideInAPackage("..connect.sink..")
            .should().dependOnClassesThat().resideInAPackage("..connect.source..");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("io.github.mqttbridge.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_api_package_holds_only_what_a_user_touches = classes()
            .that().resideInAPackage(API).and().arePublic()
            .should().haveSimpleNameStartingWith("Mqtt").orShould().haveSimpleName("ConnectOptions")
            .orShould().haveSimpleName("ConnectionLost").orShould().haveSimpleName("Builder")
            .orShould().haveSimpleName("ConnectedListener").orShould().haveSimpleName("UserProperty")
            .orShould().haveSimpleName("SubscribeOptions").orShould().haveSimpleName("WriteBatch");

    @ArchTest
    static final ArchRule no_internal_type_in_a_public_signature = methods()
            .that().areDeclaredInClassesThat().resideInAPackage(API).and().areDeclaredInClassesThat().arePublic()
            .and().arePublic()
            .should(new ArchCondition<>("name no internal type in their signature") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
                            .filter(INTERNAL_TYPE)
                            .forEach(type -> events.add(SimpleConditionEvent.violated(method,
                                    method.getFullName() + " exposes the internal type " + type.getName())));
                }
            });

    private static final DescribedPredicate<JavaClass> INTERNAL_TYPE = DescribedPredicate.describe("internal",
            type -> type.getPackageName().startsWith("io.github.mqttbridge.client.internal"));
}

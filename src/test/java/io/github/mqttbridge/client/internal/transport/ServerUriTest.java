package io.github.mqttbridge.client.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mqttbridge.client.internal.transport.ServerUri.Scheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerUriTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tcp://broker.example:1884,       TCP, broker.example, 1884, ''",
            "tcp://broker.example,            TCP, broker.example, 1883, ''",
            "mqtt://broker.example,           TCP, broker.example, 1883, ''",
            "ssl://broker.example,            SSL, broker.example, 8883, ''",
            "mqtts://broker.example:9999,     SSL, broker.example, 9999, ''",
            "TLS://broker.example,            SSL, broker.example, 8883, ''",
            "tcp://broker.example/,           TCP, broker.example, 1883, ''",
            "ws://broker.example,             WS,  broker.example, 80,   /mqtt",
            "wss://broker.example,            WSS, broker.example, 443,  /mqtt",
            "ws://broker.example:8080/ws/mqtt, WS, broker.example, 8080, /ws/mqtt",
            "tcp://[::1]:1883,                TCP, ::1,            1883, ''",
            "ws://[2001:db8::1]/mqtt,         WS,  2001:db8::1,    80,   /mqtt",
            "'  tcp://10.0.0.1:1883  ',       TCP, 10.0.0.1,       1883, ''",
    })
    void parsesValidForms(String text, Scheme scheme, String host, int port, String path) {
        ServerUri uri = ServerUri.parse(text, "uri");
        assertEquals(new ServerUri(scheme, host, port, path), uri);
    }

    @Test
    void printsIpv6HostsInBracketsSoTheTextParsesBack() {
        ServerUri uri = ServerUri.parse("ws://[::1]:9001/mqtt", "uri");
        assertEquals("ws://[::1]:9001/mqtt", uri.toString());
        assertEquals(uri, ServerUri.parse(uri.toString(), "uri"));
    }

    @Test
    void withTlsTurnsTcpIntoSslAndWsIntoWss() {
        assertEquals(Scheme.SSL, Scheme.TCP.withTls());
        assertEquals(Scheme.WSS, Scheme.WS.withTls());
        assertEquals(Scheme.SSL, Scheme.SSL.withTls());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://broker.example       | unknown scheme 'http'",
            "//broker.example:1883       | needs a scheme",
            "broker.example:1883         | unknown scheme 'broker.example'",
            "tcp://:1883                 | no host",
            "tcp:///                     | no host",
            "tcp://broker.example:70000  | port out of range",
            "tcp://broker.example/mqtt   | has a path",
            "ssl://broker.example/x      | has a path",
            "tcp://bro ker:1883          | not a valid URI",
    })
    void errorsNameTheParameterAndTheProblem(String text, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ServerUri.parse(text, "hosts[1]"));
        assertTrue(error.getMessage().startsWith("hosts[1] "), error.getMessage());
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }

    @Test
    void emptyInputNamesTheParameter() {
        assertEquals("uri must not be empty",
                assertThrows(IllegalArgumentException.class, () -> ServerUri.parse(" ", "uri")).getMessage());
        assertEquals("uri must not be empty",
                assertThrows(IllegalArgumentException.class, () -> ServerUri.parse(null, "uri")).getMessage());
    }
}

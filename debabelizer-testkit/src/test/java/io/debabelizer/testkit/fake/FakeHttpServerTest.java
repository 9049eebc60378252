package io.debabelizer.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FakeHttpServerTest {

    private FakeHttpServer server;
    private HttpClient client;

    @BeforeEach
    void setUp() {
        server = FakeHttpServer.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create(server.baseUri() + pathAndQuery);
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void routesAndRecordsEveryPartOfTheRequest() throws Exception {
        server.route("POST", "/v1/listen", req -> FakeResponse.json(200, "{\"ok\":true}").withHeader("x-id", "7"));
        HttpResponse<String> r = post("/v1/listen?model=nova-3&keyterm=a%20b&keyterm=c", new byte[] {1, 2, 3},
                "Authorization", "Token k", "Content-Type", "audio/wav");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
        assertThat(r.headers().firstValue("x-id")).contains("7");
        RecordedRequest req = server.lastRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/v1/listen");
        assertThat(req.queryParam("model")).contains("nova-3");
        assertThat(req.query().get("keyterm")).containsExactly("a b", "c");
        assertThat(req.header("authorization")).contains("Token k");
        assertThat(req.body()).containsExactly(1, 2, 3);
    }

    @Test
    void keepsConnectionsAliveAcrossRequests() throws Exception {
        server.route("GET", "/ping", req -> FakeResponse.text(200, "pong"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(HttpRequest.newBuilder(uri("/ping")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("pong");
        }
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void strictAboutPathsMethodsAndRequiredHeaders() throws Exception {
        server.route("POST", "/v1/listen", req -> FakeResponse.status(204));
        server.requireHeader("Authorization", "Token k");

        assertThat(post("/v1/other", new byte[0], "Authorization", "Token k").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(uri("/v1/listen")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> noKey = post("/v1/listen", new byte[0]);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Json.parse(noKey.body()).path("error").path("code").asString()).isEqualTo("unauthorized");
        assertThat(post("/v1/listen", new byte[0], "Authorization", "Token wrong").statusCode()).isEqualTo(401);
        assertThat(post("/v1/listen", new byte[0], "Authorization", "Token k").statusCode()).isEqualTo(204);
        assertThat(server.requests()).hasSize(5);
    }

    @Test
    void queuedFaultsAnswerTheNextRequestsThenHandlersResume() throws Exception {
        server.route("POST", "/x", req -> FakeResponse.text(200, "fine"));
        server.failNext(2, FakeResponse.rateLimited(Duration.ofMillis(1500)));
        server.failNext(1, FakeResponse.serverError(503));

        HttpResponse<String> first = post("/x", new byte[0]);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(post("/x", new byte[0]).statusCode()).isEqualTo(429);
        assertThat(post("/x", new byte[0]).statusCode()).isEqualTo(503);
        assertThat(post("/x", new byte[0]).body()).isEqualTo("fine");
    }

    @Test
    void malformedJsonIsServedAsJson() throws Exception {
        server.route("GET", "/j", req -> FakeResponse.malformedJson());
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/j")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThatThrownBy(() -> Json.parse(r.body())).isInstanceOf(tools.jackson.core.JacksonException.class);
    }

    @Test
    void streamsChunkedBodiesAndServerSentEventsOverTime() throws Exception {
        server.route("POST", "/sse", req -> FakeResponse.eventStream(body -> {
            for (int i = 1; i <= 3; i++) {
                body.event("delta", "{\"n\":" + i + "}");
                body.pause(Duration.ofMillis(20));
            }
            body.event(null, "[DONE]");
        }));
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(uri("/sse"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(lines).containsExactly("event: delta", "data: {\"n\":1}", "", "event: delta", "data: {\"n\":2}",
                "", "event: delta", "data: {\"n\":3}", "", "data: [DONE]", "");
    }

    @Test
    void streamedBinaryArrivesWhole() throws Exception {
        byte[] audio = TestAudio.tone(440, 0.5, 16000);
        server.route("POST", "/speak", req -> FakeResponse.streamed(200, "audio/pcm", body -> {
            for (int off = 0; off < audio.length; off += 3200) {
                body.write(java.util.Arrays.copyOfRange(audio, off, Math.min(audio.length, off + 3200)));
            }
        }));
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri("/speak"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.body()).isEqualTo(audio);
    }

    @Test
    void truncatedAndDroppedBodiesFailTheClient() {
        byte[] body = "{\"text\":\"a long answer that will not arrive whole\"}".getBytes(StandardCharsets.UTF_8);
        server.route("GET", "/t", req -> FakeResponse.truncatedBody(200, "application/json", body, 10));
        server.route("GET", "/d", req -> FakeResponse.dropMidBody(200, "application/json", body, 10));
        server.route("GET", "/x", req -> FakeResponse.dropConnection());
        for (String path : List.of("/t", "/d", "/x")) {
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString())).as(path).isInstanceOf(IOException.class);
        }
    }

    @Test
    void droppedStreamFailsTheClientMidBody() {
        server.route("GET", "/s", req -> FakeResponse.streamed(200, "audio/pcm", body -> {
            body.write(new byte[1000]);
            body.drop();
        }));
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("/s")).build(),
                HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
    }

    @Test
    void hangLastsUntilTheClientTimesOutAndCloseDoesNotHang() {
        server.route("GET", "/h", req -> FakeResponse.hang());
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("/h")).timeout(Duration.ofMillis(300))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        // A second hung request is still open on the server while it closes.
        client.sendAsync(HttpRequest.newBuilder(uri("/h")).build(), HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().until(() -> server.requestCount() == 2);
        server.close();
    }

    @Test
    void delayedResponsesStillArrive() throws Exception {
        server.route("GET", "/slow", req -> FakeResponse.text(200, "late").withDelay(Duration.ofMillis(100)));
        assertThat(client.send(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).isEqualTo("late");
    }

    @Test
    void handlerFailuresAreAnswered500AndKept() throws Exception {
        server.route("GET", "/boom", req -> {
            throw new IllegalStateException("fake bug");
        });
        assertThat(client.send(HttpRequest.newBuilder(uri("/boom")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(500);
        assertThat(server.handlerErrors()).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void answersExpectContinueBeforeReadingTheBody() throws Exception {
        server.route("POST", "/up", req -> FakeResponse.text(200, req.body().length + " bytes"));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/up")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("5000 bytes");
    }
}

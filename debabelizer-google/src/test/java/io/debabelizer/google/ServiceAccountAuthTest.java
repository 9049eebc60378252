package io.debabelizer.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debabelizer.AuthenticationException;
import io.debabelizer.ConfigurationException;
import io.debabelizer.config.Secret;
import io.debabelizer.stt.SpeechStream;
import io.debabelizer.stt.StreamEvent;
import io.debabelizer.stt.StreamRequest;
import io.debabelizer.stt.Transcript;
import io.debabelizer.stt.TranscriptionRequest;
import io.debabelizer.testkit.ProviderSettings;
import io.debabelizer.testkit.ScriptedTranscript;
import io.debabelizer.testkit.fake.RecordedRequest;
import io.debabelizer.testkit.fake.TestAudio;
import io.grpc.Metadata;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service-account keys turned into OAuth access tokens (JWT bearer grant) for REST and gRPC. */
class ServiceAccountAuthTest {

    @TempDir
    Path dir;

    private GoogleFake fake;
    private HttpClient http;
    private TestServiceAccount account;

    @BeforeEach
    void start() {
        fake = GoogleFake.start("no-api-key-in-these-tests");
        fake.willTranscribe(ScriptedTranscript.jfk().text(), ScriptedTranscript.jfk().words());
        account = TestServiceAccount.create(dir, fake.tokenUri());
        fake.acceptServiceAccount(account.publicPart(), 3599);
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    private ProviderSettings settings() {
        return new ProviderSettings(Secret.of("unused"), Duration.ofSeconds(10), Duration.ofSeconds(10), http);
    }

    private GoogleSttProvider provider(Path keyFile) {
        Map<String, String> config = GoogleTestSupport.endpoints(fake);
        config.put("credentials_file", keyFile.toString());
        config.put("quota_project", "billing-project-7");
        return (GoogleSttProvider) new GoogleProviderFactory().createStt(settings().context("google", config));
    }

    private static TranscriptionRequest jfk() {
        return TranscriptionRequest.builder(TestAudio.speech("jfk.wav").asWavAudio()).language("en-US").build();
    }

    @Test
    void signsAJwtGrantAndSendsTheTokenAsBearerWithTheQuotaProject() {
        try (GoogleSttProvider p = provider(account.keyFile())) {
            Transcript t = p.transcribe(jfk());
            assertThat(t.text()).isEqualTo(ScriptedTranscript.jfk().text());
        }
        RecordedRequest token = fake.http().requests().getFirst();
        assertThat(token.path()).isEqualTo(GoogleFake.TOKEN_PATH);
        RecordedRequest recognize = fake.http().lastRequest();
        assertThat(recognize.header("Authorization")).contains("Bearer ya29.fake-1");
        assertThat(recognize.header("X-Goog-Api-Key")).isEmpty();
        assertThat(recognize.header("x-goog-user-project")).contains("billing-project-7");
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeItExpires() {
        try (GoogleSttProvider p = provider(account.keyFile())) {
            p.transcribe(jfk());
            p.transcribe(jfk());
        }
        assertThat(fake.tokenRequests()).isEqualTo(1);

        fake.acceptServiceAccount(account.publicPart(), 60); // inside the refresh margin: every use refreshes
        try (GoogleSttProvider p = provider(account.keyFile())) {
            p.transcribe(jfk());
            p.transcribe(jfk());
        }
        assertThat(fake.tokenRequests()).isEqualTo(1 + 2);
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        ServiceAccountAuth auth = new ServiceAccountAuth(ServiceAccountKey.read(account.keyFile()), http,
                Duration.ofSeconds(10));
        List<Callable<Secret>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(auth::accessToken);
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> tokens = new ArrayList<>();
            for (Future<Secret> f : pool.invokeAll(callers)) {
                tokens.add(f.get().reveal());
            }
            assertThat(tokens).containsOnly("ya29.fake-1");
        }
        assertThat(fake.tokenRequests()).isEqualTo(1);
    }

    @Test
    void theTokenAuthenticatesLiveStreamsToo() throws Exception {
        TestAudio.Wav audio = TestAudio.speech("jfk.wav");
        try (GoogleSttProvider p = provider(account.keyFile())) {
            SpeechStream s = p.openStream(StreamRequest.builder(audio.pcmFormat()).language("en-US").build());
            s.send(audio.pcm());
            s.endInput();
            assertThat(s.completion().get().reason()).isEqualTo(StreamEvent.CloseReason.COMPLETED);
        }
        Metadata headers = fake.grpc().calls().getFirst().headers;
        assertThat(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("Bearer ya29.fake-1");
        assertThat(headers.get(Metadata.Key.of("x-goog-user-project", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("billing-project-7");
    }

    @Test
    void aRefusedGrantIsAnAuthenticationErrorNamingTheCauseNotTheKey() throws Exception {
        TestServiceAccount other = TestServiceAccount.create(Files.createDirectory(dir.resolve("other")),
                fake.tokenUri()); // same account name, a key the endpoint does not know
        try (GoogleSttProvider p = provider(other.keyFile())) {
            assertThatThrownBy(() -> p.transcribe(jfk()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("invalid_grant: Invalid JWT Signature.")
                    .hasMessageContaining(other.clientEmail())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE KEY"));
            TestAudio.Wav audio = TestAudio.speech("jfk.wav");
            assertThatThrownBy(() -> p.openStream(StreamRequest.builder(audio.pcmFormat()).build()))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_grant");
        }
    }

    @Test
    void aBrokenKeyFileIsAConfigurationErrorWithoutKeyMaterial() throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, """
                {"type":"service_account","client_email":"a@b","private_key":"-----BEGIN PRIVATE KEY-----\\nAAAA\\n"}""");
        assertThatThrownBy(() -> provider(broken)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a PKCS#8 PEM RSA key").hasMessageNotContaining("AAAA");
        Path user = dir.resolve("user.json");
        Files.writeString(user, "{\"type\":\"authorized_user\"}");
        assertThatThrownBy(() -> provider(user)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("authorized_user");
    }
}

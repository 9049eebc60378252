package io.debabelizer.whisper.models;

import io.debabelizer.InvalidInputException;
import io.debabelizer.whisper.models.ModelDownloadException.Kind;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one model file into the cache: resumes a kept {@code .part} file with an HTTP {@code Range} request,
 * verifies size and published hashes, and renames the file into place atomically, so a model file in the cache is
 * always complete.
 */
final class ModelDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");
    private static final int BUFFER = 64 * 1024;

    private final HttpClient client;
    private final URI baseUrl;
    private final Duration responseTimeout;
    private final Duration stallTimeout;

    ModelDownloader(HttpClient client, URI baseUrl, Duration responseTimeout, Duration stallTimeout) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.responseTimeout = responseTimeout;
        this.stallTimeout = stallTimeout;
    }

    URI urlFor(String name) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + ModelNames.fileName(name));
    }

    /** Downloads (or finishes downloading) {@code name} into {@code cache}; returns the installed file. */
    @SuppressWarnings("try") // the lock is held for the try block's duration, not used in it
    Path download(String name, Optional<KnownModel> known, ModelCache cache, DownloadListener listener) {
        try {
            Files.createDirectories(cache.dir());
        } catch (IOException e) {
            throw new ModelDownloadException(Kind.LOCAL_IO, "cannot create the models folder " + cache.dir() + ": "
                    + e, e);
        }
        // The lock file stays: deleting it while another process waits to lock it would let two downloads run
        Path lockFile = cache.lockFor(name);
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockChannel, name)) {
            Path part = cache.partFor(name);
            fetchInto(name, part, known.map(KnownModel::sizeBytes).filter(s -> s > 0), listener);
            verify(name, part, known);
            Path target = cache.fileFor(name);
            moveIntoPlace(part, target);
            LOG.info("Whisper model {} installed at {}", name, target);
            return target;
        } catch (IOException e) {
            throw new ModelDownloadException(Kind.LOCAL_IO, "cannot write to the models folder " + cache.dir()
                    + ": " + e, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, String name) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new ModelDownloadException(Kind.IN_PROGRESS, "another download of Whisper model " + name
                    + " is in progress; wait for it to finish", null);
        }
        return lock;
    }

    /** Brings {@code part} to the whole file, resuming from its current size (or once from zero if it must). */
    private void fetchInto(String name, Path part, Optional<Long> knownSize, DownloadListener listener)
            throws IOException {
        if (fetchOnce(name, part, knownSize, listener, true) == Fetch.RESTART) {
            Files.deleteIfExists(part);
            fetchOnce(name, part, knownSize, listener, false);
        }
    }

    private enum Fetch { DONE, RESTART }

    private Fetch fetchOnce(String name, Path part, Optional<Long> knownSize, DownloadListener listener,
                            boolean mayRestart) throws IOException {
        long offset = Files.exists(part) ? Files.size(part) : 0;
        if (knownSize.isPresent() && offset > knownSize.get()) {
            LOG.warn("partial download {} is larger than the published size; starting over", part);
            Files.delete(part);
            offset = 0;
        }
        if (knownSize.isPresent() && offset == knownSize.get()) {
            listener.progress(offset, offset);
            return Fetch.DONE; // complete already (e.g. verification was interrupted): just verify it
        }
        URI url = urlFor(name);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(responseTimeout).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            LOG.info("resuming download of {} at byte {}", url, offset);
        }
        HttpResponse<InputStream> response = send(request.build(), url);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            switch (status) {
                case 200 -> {
                    if (offset > 0) {
                        LOG.info("{} ignored the range request; downloading {} from the start", url.getHost(), name);
                    }
                    long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                    copy(name, body, part, 0, total, listener);
                }
                case 206 -> {
                    ContentRange range = ContentRange.parse(response.headers().firstValue("Content-Range"));
                    if (range.start() != offset) {
                        if (!mayRestart) {
                            throw unexpected(url, status, "a range starting at " + range.start() + " instead of "
                                    + offset);
                        }
                        return Fetch.RESTART;
                    }
                    copy(name, body, part, offset, range.total().orElse(-1), listener);
                }
                case 416 -> {
                    // Nothing left to send from our offset: the part is complete, or it is not the file it claims
                    ContentRange range = ContentRange.parse(response.headers().firstValue("Content-Range"));
                    if (range.total().isPresent() && range.total().getAsLong() == offset) {
                        listener.progress(offset, offset);
                        return Fetch.DONE;
                    }
                    if (!mayRestart) {
                        throw unexpected(url, status, "range not satisfiable");
                    }
                    return Fetch.RESTART;
                }
                case 404, 410 -> throw new InvalidInputException("unknown Whisper model '" + name + "': " + url
                        + " answered " + status + " (not found). Known models: tiny, base, small, medium (each also"
                        + " .en), large-v3, large-v3-turbo", "whisper", null, null);
                default -> throw unexpected(url, status, null);
            }
        }
        return Fetch.DONE;
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI url) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(url, "connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(url, "no response within " + responseTimeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw unreachable(url, e.getMessage() == null ? "connection failed" : e.getMessage(), e);
        } catch (IOException e) {
            throw unreachable(url, String.valueOf(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelDownloadException(Kind.INTERRUPTED, "download of " + url + " was interrupted", e);
        }
    }

    private static ModelDownloadException unreachable(URI url, String why, Throwable cause) {
        return new ModelDownloadException(Kind.UNREACHABLE, "cannot reach the model hub at " + url.getHost()
                + " (" + why + "); check the network, or copy the ggml file into the models folder or point"
                + " model_path at it", cause);
    }

    private static ModelDownloadException unexpected(URI url, int status, String detail) {
        return new ModelDownloadException(Kind.HTTP_STATUS, url + " answered HTTP " + status
                + (detail == null ? "" : " with " + detail), null);
    }

    /** Streams the body into {@code part} (appending when {@code offset > 0}); a stall counts as a broken link. */
    private void copy(String name, InputStream body, Path part, long offset, long total, DownloadListener listener)
            throws IOException {
        long written = 0;
        listener.progress(offset, total);
        // A plain FileOutputStream, not a channel: the watchdog's interrupt must not close the file mid-write
        try (StallWatchdog watchdog = new StallWatchdog(stallTimeout);
             OutputStream out = new FileOutputStream(part.toFile(), offset > 0)) {
            byte[] buffer = new byte[BUFFER];
            try {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    written += n;
                    watchdog.progressed();
                    listener.progress(offset + written, total);
                }
            } catch (IOException e) {
                out.flush();
                String why = watchdog.fired() ? "no data for " + stallTimeout.toSeconds() + " s" : String.valueOf(e);
                throw interrupted(name, part, offset + written, total, why, e);
            }
        }
        if (total >= 0 && offset + written < total) {
            throw interrupted(name, part, offset + written, total, "the server closed the connection early", null);
        }
    }

    private static ModelDownloadException interrupted(String name, Path part, long have, long total, String why,
                                                      Throwable cause) {
        return new ModelDownloadException(Kind.INTERRUPTED, "download of Whisper model " + name + " broke off after "
                + have + (total >= 0 ? " of " + total : "") + " bytes (" + why + "); the partial file " + part
                + " is kept: pull again to resume", cause);
    }

    /** Checks size and every published hash; a file that fails is deleted, since resuming it cannot fix it. */
    private static void verify(String name, Path part, Optional<KnownModel> known) throws IOException {
        if (known.isEmpty() || !known.get().hasHash()) {
            LOG.warn("no published hash is known for Whisper model {}; the download is accepted unverified", name);
            return;
        }
        KnownModel model = known.get();
        long size = Files.size(part);
        if (model.sizeBytes() > 0 && size != model.sizeBytes()) {
            Files.deleteIfExists(part);
            throw mismatch(name, "size " + size + " bytes, expected " + model.sizeBytes());
        }
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = digest("SHA-1");
        try (InputStream in = Files.newInputStream(part)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                sha1.update(buffer, 0, n);
            }
        }
        String actual256 = HexFormat.of().formatHex(sha256.digest());
        String actual1 = HexFormat.of().formatHex(sha1.digest());
        if (model.sha256() != null && !model.sha256().equals(actual256)) {
            Files.deleteIfExists(part);
            throw mismatch(name, "SHA-256 " + actual256 + ", expected " + model.sha256());
        }
        if (model.sha1() != null && !model.sha1().equals(actual1)) {
            Files.deleteIfExists(part);
            throw mismatch(name, "SHA-1 " + actual1 + ", expected " + model.sha1());
        }
        LOG.debug("Whisper model {} verified (SHA-256 {})", name, actual256);
    }

    private static ModelDownloadException mismatch(String name, String detail) {
        return new ModelDownloadException(Kind.CHECKSUM_MISMATCH, "downloaded Whisper model " + name
                + " is corrupt or not the published file (" + detail + "); it was deleted: pull again", null);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The parts of a {@code Content-Range} header we use. */
    private record ContentRange(long start, OptionalLong total) {

        static ContentRange parse(Optional<String> header) {
            Matcher m = CONTENT_RANGE.matcher(header.orElse("").trim());
            if (!m.matches()) {
                return new ContentRange(-1, OptionalLong.empty());
            }
            long start = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
            OptionalLong total = "*".equals(m.group(3)) ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(m.group(3)));
            return new ContentRange(start, total);
        }
    }

    /**
     * Interrupts the downloading thread when no bytes arrive for a while: the JDK client's body stream has no read
     * timeout of its own, and a silent connection must end in an error, not a hang.
     */
    private static final class StallWatchdog implements AutoCloseable {
        private final Thread reader = Thread.currentThread();
        private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final ScheduledExecutorService timer;

        StallWatchdog(Duration stallTimeout) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "whisper-download-watchdog");
                t.setDaemon(true);
                return t;
            });
            long limit = stallTimeout.toNanos();
            long period = Math.max(10, Math.min(1000, stallTimeout.toMillis() / 4));
            timer.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastProgress.get() > limit && armed.compareAndSet(true, false)) {
                    reader.interrupt();
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        void progressed() {
            lastProgress.set(System.nanoTime());
        }

        boolean fired() {
            return !armed.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
            if (armed.compareAndSet(true, false)) {
                return; // it never fired, and now it never will
            }
            // It fired: let its interrupt land, then clear it so it does not leak to the caller
            while (true) {
                Thread.interrupted();
                try {
                    timer.awaitTermination(5, TimeUnit.SECONDS);
                    break;
                } catch (InterruptedException e) {
                    // the watchdog's own interrupt; wait again
                }
            }
            Thread.interrupted();
        }
    }
}

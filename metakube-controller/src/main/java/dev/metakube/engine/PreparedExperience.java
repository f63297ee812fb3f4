package dev.metakube.engine;

import dev.metakube.api.ClusterContext;
import dev.metakube.api.Embedding;
import dev.metakube.api.StorageCorruptedException;
import dev.metakube.spi.EvidenceAnalyzer;
import dev.metakube.spi.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled experience analysed and embedded ahead of time, so that a first start stores it instead of
 * analysing and embedding hundreds of records. The file is made at build time by {@link #write} with the default
 * evidence analyzer and embedder; the engine uses it only when it was made from the very records bundled now (their SHA-256),
 * by the same analyzer implementation and embedder model, and computes the records itself otherwise.
 *
 * <p>Format (gzip of a {@link DataOutputStream}): magic, version, records digest, analyzer class, embedder model,
 * dimension, count; then per record its id, text, context, signal keys, vector, and root cause and solution
 * templates.
 */
public final class PreparedExperience {
    /** The class path resource holding the prepared records, beside {@link SeedExperience#RESOURCE}. */
    public static final String RESOURCE = "/dev/metakube/seed/experience-prepared.bin.gz";
    private static final Logger LOG = LoggerFactory.getLogger(PreparedExperience.class);
    private static final int MAGIC = 0x4d4b5345; // "MKSE"
    private static final int VERSION = 2;

    private PreparedExperience() {
    }

    /**
     * Analyses and embeds the bundled records with {@code analyzer} and {@code embedder} and writes them to
     * {@code out}; returns how many. Run by the build of the executable jar.
     *
     * @throws IOException when {@code out} cannot be written
     */
    public static int write(Path out, EvidenceAnalyzer analyzer, Embedder embedder) throws IOException {
        List<SeedExperience.Prepared> prepared = SeedExperience.prepare(SeedExperience.load(), analyzer, embedder,
                Instant.EPOCH);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(out);
             DataOutputStream d = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(file)))) {
            d.writeInt(MAGIC);
            d.writeInt(VERSION);
            d.writeUTF(recordsDigest());
            d.writeUTF(analyzer.getClass().getName());
            d.writeUTF(embedder.model());
            d.writeInt(embedder.dimension());
            d.writeInt(prepared.size());
            for (SeedExperience.Prepared p : prepared) {
                d.writeUTF(p.id());
                writeText(d, p.text());
                ClusterContext c = p.context();
                for (String s : new String[] {c.namespace(), c.kind(), c.name(), c.kubernetesVersion()}) {
                    writeText(d, s);
                }
                d.writeInt(c.labels().size());
                for (Map.Entry<String, String> l : c.labels().entrySet()) {
                    writeText(d, l.getKey());
                    writeText(d, l.getValue());
                }
                d.writeInt(p.signalKeys().size());
                for (String k : p.signalKeys()) {
                    writeText(d, k);
                }
                float[] v = p.embedding().vector();
                d.writeInt(v.length);
                for (float x : v) {
                    d.writeFloat(x);
                }
                writeText(d, p.rootCauseTemplate());
                writeText(d, p.solutionTemplate());
            }
        }
        return prepared.size();
    }

    /**
     * The bundled prepared records, when present and made from the bundled records by this analyzer implementation
     * and this embedder; empty otherwise (a first start then computes them).
     */
    static Optional<List<SeedExperience.Prepared>> bundled(EvidenceAnalyzer analyzer, Embedder embedder) {
        try (InputStream in = PreparedExperience.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return read(in, analyzer.getClass().getName(), embedder.model(), embedder.dimension());
        } catch (IOException e) {
            throw new StorageCorruptedException("cannot read the prepared experience " + RESOURCE + ": " + e
                    + "; rebuild the jar, or remove the resource to compute it on the first start", e);
        }
    }

    static Optional<List<SeedExperience.Prepared>> read(InputStream in, String graphClass, String model,
                                                        int dimension) throws IOException {
        DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
        if (d.readInt() != MAGIC || d.readInt() != VERSION) {
            throw new IOException("not a prepared experience file of this version");
        }
        String digest = d.readUTF();
        String madeBy = d.readUTF();
        String madeWith = d.readUTF();
        int dim = d.readInt();
        if (!digest.equals(recordsDigest()) || !madeBy.equals(graphClass) || !madeWith.equals(model)
                || dim != dimension) {
            LOG.debug("prepared experience made by {} with {} ({} dimensions) from records {} does not apply",
                    madeBy, madeWith, dim, digest);
            return Optional.empty();
        }
        int n = d.readInt();
        List<SeedExperience.Prepared> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = d.readUTF();
            String text = readText(d);
            String namespace = readText(d);
            String kind = readText(d);
            String name = readText(d);
            String version = readText(d);
            int labelCount = d.readInt();
            Map<String, String> labels = new LinkedHashMap<>();
            for (int j = 0; j < labelCount; j++) {
                labels.put(readText(d), readText(d));
            }
            int keyCount = d.readInt();
            List<String> keys = new ArrayList<>(keyCount);
            for (int j = 0; j < keyCount; j++) {
                keys.add(readText(d));
            }
            float[] v = new float[d.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = d.readFloat();
            }
            String rootCause = readText(d);
            String solution = readText(d);
            out.add(new SeedExperience.Prepared(id, text, new ClusterContext(namespace, kind, name, version, labels),
                    keys, new Embedding(model, v), rootCause, solution));
        }
        return Optional.of(out);
    }

    /** SHA-256 of the bundled records file, hex; "none" when it is absent. */
    static String recordsDigest() throws IOException {
        try (InputStream in = SeedExperience.class.getResourceAsStream(SeedExperience.RESOURCE)) {
            if (in == null) {
                return "none";
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void writeText(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    private static String readText(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("bad text length " + n);
        }
        return new String(d.readNBytes(n), StandardCharsets.UTF_8);
    }
}

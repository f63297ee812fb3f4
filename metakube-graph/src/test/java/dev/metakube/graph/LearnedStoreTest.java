package dev.metakube.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedStoreTest {
    @Test
    void aFileOfTheEarlierFormatIsReadOnceAndRewrittenWithAChecksum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(LearnedStore.FILE);
        String old = "{\"format\":1,\"symptoms\":[{\"id\":\"vendor-agent-crash\",\"kind\":\"ERROR_PHRASE\","
                + "\"text\":\"the vendor agent crashed\",\"strength\":0.7,\"provenance\":\"LEARNED\","
                + "\"phrases\":[\"vendor agent crashed\"]}],\"causes\":[],\"fixes\":[],\"edges\":[]}";
        Files.writeString(file, old);
        KnowledgeGraph g = new KnowledgeGraph();
        new LearnedStore(dir).load(g);
        assertEquals("the vendor agent crashed", g.symptoms.get("vendor-agent-crash").text());
        String rewritten = Files.readString(file);
        assertTrue(rewritten.startsWith(old + "\n#crc32c "), rewritten);
        KnowledgeGraph again = new KnowledgeGraph();
        new LearnedStore(dir).load(again);
        assertTrue(again.symptoms.containsKey("vendor-agent-crash"));
        assertEquals(rewritten, Files.readString(file));
    }
}

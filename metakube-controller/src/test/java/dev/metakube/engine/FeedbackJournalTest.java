package dev.metakube.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackJournalTest {
    /** Logic only: these tests do not need the data on the platter. */
    private static final Fsync NO_FSYNC = new Fsync() {
        @Override
        public void force(FileChannel channel) {
        }

        @Override
        public void forceDirectory(Path dir) {
        }
    };

    @TempDir
    Path dir;

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FeedbackJournal.LOG_NAME + "-")).sorted()
                    .toList();
        }
    }

    @Test
    void compactionDropsCommittedLessonsAndTheJournalReopensWhereItWas() throws IOException {
        try (FeedbackJournal j = FeedbackJournal.open(dir, NO_FSYNC)) {
            for (int i = 0; i < 800; i++) {
                long seq = j.nextSeq();
                j.begin(FeedbackJournalDurabilityIT.lesson(seq, "d" + i));
                j.done(seq, Lesson.Step.MEMORY);
                j.commit(seq);
            }
            j.begin(FeedbackJournalDurabilityIT.lesson(j.nextSeq(), "open"));
            j.done(801, Lesson.Step.MEMORY);
        }
        assertEquals(1, segments().size(), "the committed history was dropped: " + segments());
        try (FeedbackJournal j = FeedbackJournal.open(dir, NO_FSYNC)) {
            assertEquals(1, j.pending().size());
            assertEquals("open", j.pending().get(0).lesson().diagnosisId());
            assertEquals(EnumSet.of(Lesson.Step.MEMORY), j.pending().get(0).done());
            assertEquals(802, j.nextSeq());
            j.commit(801);
        }
        try (FeedbackJournal j = FeedbackJournal.open(dir, NO_FSYNC)) {
            assertTrue(j.pending().isEmpty());
        }
    }

    @Test
    void aJournalOfTheEarlierFormatIsUpgradedOnceKeepingEveryUnfinishedLesson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String l1 = json.writeValueAsString(FeedbackJournalDurabilityIT.lesson(1, "done-before"));
        String l2 = json.writeValueAsString(FeedbackJournalDurabilityIT.lesson(2, "half-applied"));
        String l3 = json.writeValueAsString(FeedbackJournalDurabilityIT.lesson(3, "just-begun"));
        String legacy = "{\"seq\":1,\"op\":\"begin\",\"lesson\":" + l1 + "}\n"
                + "{\"seq\":1,\"op\":\"done\",\"step\":\"MEMORY\"}\n"
                + "{\"seq\":1,\"op\":\"commit\"}\n"
                + "{\"seq\":2,\"op\":\"begin\",\"lesson\":" + l2 + "}\n"
                + "{\"seq\":2,\"op\":\"done\",\"step\":\"MEMORY\"}\n"
                + "{\"seq\":3,\"op\":\"begin\",\"lesson\":" + l3 + "}\n"
                + "{\"seq\":4,\"op\":\"beg";
        Path old = dir.resolve(FeedbackJournal.LEGACY_FILE);
        Files.writeString(old, legacy, StandardCharsets.UTF_8);
        try (FeedbackJournal j = FeedbackJournal.open(dir, NO_FSYNC)) {
            assertEquals(2, j.pending().size());
        }
        // as if the upgrade had crashed after writing the new log and before deleting the old file: it is redone,
        // and nothing is doubled
        Files.writeString(old, legacy, StandardCharsets.UTF_8);
        for (int round = 0; round < 2; round++) {
            try (FeedbackJournal j = FeedbackJournal.open(dir, NO_FSYNC)) {
                assertFalse(Files.exists(old), "the old file is gone once its content is durable in the new log");
                List<FeedbackJournal.Entry> pending = j.pending();
                assertEquals(List.of("half-applied", "just-begun"),
                        pending.stream().map(e -> e.lesson().diagnosisId()).toList());
                assertEquals(EnumSet.of(Lesson.Step.MEMORY), pending.get(0).done());
                assertTrue(pending.get(1).done().isEmpty());
                assertEquals(4, j.nextSeq());
            }
        }
    }
}

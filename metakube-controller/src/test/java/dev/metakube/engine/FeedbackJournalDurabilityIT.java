package dev.metakube.engine;

import dev.metakube.contract.DurableStoreContract;
import dev.metakube.durable.Fsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The crash tests on the feedback journal: each key is a lesson begun and not yet committed. */
class FeedbackJournalDurabilityIT extends DurableStoreContract {
    static Lesson lesson(long seq, String diagnosisId) {
        return new Lesson(seq, diagnosisId, null, List.of(), null, null, List.of(), null);
    }

    @Override
    protected Subject open(Path dir, Fsync fsync) {
        FeedbackJournal journal = FeedbackJournal.open(dir, fsync);
        return new Subject() {
            @Override
            public void write(String key) {
                journal.begin(lesson(journal.nextSeq(), key));
            }

            @Override
            public boolean contains(String key) {
                return journal.pending().stream().anyMatch(e -> e.lesson().diagnosisId().equals(key));
            }

            @Override
            public void close() {
                journal.close();
            }
        };
    }

    @Override
    protected List<Path> dataFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(FeedbackJournal.LOG_NAME + "-")).sorted()
                    .toList();
        }
    }

    @Override
    protected Layout layout() {
        return Layout.APPEND_LOG;
    }
}

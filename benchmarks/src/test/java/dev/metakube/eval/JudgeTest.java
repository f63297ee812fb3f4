package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.Pathway;
import dev.metakube.api.RemediationStep;
import dev.metakube.spi.ModelOutputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class JudgeTest {
    private static final String ALL_EIGHT = "{\"root_cause\":8,\"resolution\":8,\"prevention\":8,\"alignment\":8,"
            + "\"method\":8,\"steps\":8,\"commands\":8,\"edge_cases\":8,\"correctness\":8,\"best_practice\":8}";

    /** A scripted model: answers from a queue and records the prompts it was given. */
    static final class Scripted implements Judge.Completion {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();

        Scripted(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public String complete(String prompt) {
            prompts.add(prompt);
            return answers.isEmpty() ? "" : answers.poll();
        }
    }

    private static JudgeCase sampleCase() {
        ScenarioResult r = Results.result(1, Category.RESOURCE, "resource/oom", true, 0.8, Pathway.INTUITIVE, 3,
                new RemediationStep("Raise the limit", "kubectl set resources deploy/api --limits=memory=1Gi", false));
        return JudgeCase.of(r.scenario(), r.diagnosis());
    }

    @Test
    void appliesThePapersWeights() {
        JudgeScore s = new JudgeScore(10, 5, 0, 6, 2, 10, 0, 5, 9, 3);
        assertEquals(0.4 * 10 + 0.3 * 5 + 0.3 * 0, s.effectiveness(), 1e-9);
        assertEquals(4, s.equivalence(), 1e-9);
        assertEquals(0.3 * 10 + 0.3 * 0 + 0.4 * 5, s.completeness(), 1e-9);
        assertEquals(6, s.safety(), 1e-9);
        assertEquals((5.5 + 4 + 5 + 6) / 4, s.overall(), 1e-9);
        assertThrows(RuntimeException.class, () -> new JudgeScore(11, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void promptCarriesRubricReferenceAndCandidateAndAnswerIsParsed() {
        Scripted model = new Scripted("Here is my grading:\n" + ALL_EIGHT + "\nThanks.");
        JudgeScore s = new ModelJudge(model).score(sampleCase());
        assertEquals(8, s.overall(), 1e-9);
        String prompt = model.prompts.get(0);
        assertTrue(prompt.contains("REFERENCE:") && prompt.contains("CANDIDATE:"), prompt);
        assertTrue(prompt.contains("the cause"), prompt);
        assertTrue(prompt.contains("kubectl set resources deploy/api"), prompt);
        for (String f : JudgeScore.FIELDS) {
            assertTrue(prompt.contains(f), f);
        }
    }

    @Test
    void rejectsAnswersItCannotRead() {
        JudgeCase c = sampleCase();
        assertThrows(ModelOutputException.class, () -> new ModelJudge(new Scripted("I think it is fine")).score(c));
        assertThrows(ModelOutputException.class, () -> new ModelJudge(new Scripted("{\"root_cause\": 7}")).score(c));
        assertThrows(ModelOutputException.class,
                () -> new ModelJudge(new Scripted(ALL_EIGHT.replace("\"steps\":8", "\"steps\":12"))).score(c));
        assertThrows(ModelOutputException.class, () -> new ModelJudge(new Scripted("{ not json }")).score(c));
    }

    @Test
    void repeatedRunsAreAveragedWithTheirSpread() {
        String sixes = ALL_EIGHT.replace('8', '6');
        String tens = ALL_EIGHT.replace("8", "10");
        // two cases per run; run 1 scores 6 and 10 (mean 8), run 2 scores 10 and 10 (mean 10), run 3 6 and 6 (mean 6)
        Scripted model = new Scripted(sixes, tens, tens, tens, sixes, sixes);
        JudgeRuns runs = JudgeRuns.over(new ModelJudge(model), List.of(sampleCase(), sampleCase()), 3);
        assertEquals(3, runs.runs());
        assertEquals(2, runs.cases());
        assertEquals(6, model.prompts.size());
        JudgeRuns.Dimension overall = runs.dimension("overall");
        assertEquals(8, overall.mean(), 1e-9);
        assertEquals(2, overall.spread(), 1e-9);
        assertEquals(8, runs.dimension("safety").mean(), 1e-9);
        assertTrue(runs.toMap().containsKey("effectiveness"));
        assertEquals(0, JudgeRuns.over(c -> new JudgeScore(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), List.of(sampleCase()), 1)
                .dimension("overall").spread(), 0);
    }
}

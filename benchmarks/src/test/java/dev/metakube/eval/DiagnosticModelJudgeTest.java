package dev.metakube.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.metakube.api.Category;
import dev.metakube.api.InvalidInputException;
import dev.metakube.api.Pathway;
import dev.metakube.spi.DiagnosticModel;
import dev.metakube.spi.ModelAnswer;
import dev.metakube.spi.ModelRequest;
import dev.metakube.spi.TextCompletion;
import dev.metakube.template.TemplateModelProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** A configured {@link DiagnosticModel} as judge, through the code path {@code metakube eval --judge} takes. */
class DiagnosticModelJudgeTest {
    // two graders' sub-scores, in JudgeScore.FIELDS order; their dimensions worked out by hand from appendix A.4:
    // A: effectiveness 0.4*10+0.3*5+0.3*0 = 5.5, equivalence (6+2)/2 = 4, completeness 0.3*10+0.3*0+0.4*5 = 5,
    //    safety (9+3)/2 = 6, overall 20.5/4 = 5.125
    // B: effectiveness 0.4*2+0.3*8+0.3*10 = 6.2, equivalence (0+10)/2 = 5, completeness 0.3*4+0.3*7+0.4*10 = 7.3,
    //    safety (1+5)/2 = 3, overall 21.5/4 = 5.375
    private static final int[] A = {10, 5, 0, 6, 2, 10, 0, 5, 9, 3};
    private static final int[] B = {2, 8, 10, 0, 10, 4, 7, 10, 1, 5};

    /** A diagnostic model whose completion answers by seed and records every request. */
    static final class ScriptedModel implements DiagnosticModel, TextCompletion {
        final List<Request> requests = new ArrayList<>();
        private final LongFunction<int[]> scores;

        ScriptedModel(LongFunction<int[]> scores) {
            this.scores = scores;
        }

        @Override
        public String name() {
            return "scripted-judge";
        }

        @Override
        public ModelAnswer answer(ModelRequest request) {
            throw new AssertionError("a judge never diagnoses");
        }

        @Override
        public Optional<TextCompletion> completion() {
            return Optional.of(this);
        }

        @Override
        public synchronized String complete(Request request) {
            requests.add(request);
            int[] v = scores.apply(request.seed());
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < v.length; i++) {
                b.append(i == 0 ? "" : ", ").append('"').append(request.format().fields().get(i)).append("\": ")
                        .append(v[i]);
            }
            return b.append('}').toString();
        }

        @Override
        public void close() {
        }
    }

    private static List<ScenarioResult> results(int n) {
        List<ScenarioResult> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rs.add(Results.result(i, Category.values()[i % Category.values().length], "f" + i, i % 2 == 0, 0.7,
                    Pathway.INTUITIVE, 5));
        }
        return rs;
    }

    @Test
    void weightedDimensionsAreAveragedOverRunsWithTheirSpread() {
        // seeds are the call index: run 0 is calls 0-1 (A, A), run 1 calls 2-3 (B, B), run 2 calls 4-5 (A, B)
        ScriptedModel model = new ScriptedModel(seed -> seed == 0 || seed == 1 || seed == 4 ? A : B);
        JudgeEvaluation e = JudgeEvaluation.run(ModelJudge.using(model), results(7), 2, 3, done -> { });

        // per-run means a, b, (a+b)/2: the mean is (a+b)/2 and the sample standard deviation |a-b|/2
        JudgeRuns r = e.runs();
        assertEquals(3, r.runs());
        assertEquals(2, r.cases());
        assertEquals(5.85, r.dimension("effectiveness").mean(), 1e-9);
        assertEquals(0.35, r.dimension("effectiveness").spread(), 1e-9);
        assertEquals(4.5, r.dimension("equivalence").mean(), 1e-9);
        assertEquals(0.5, r.dimension("equivalence").spread(), 1e-9);
        assertEquals(6.15, r.dimension("completeness").mean(), 1e-9);
        assertEquals(1.15, r.dimension("completeness").spread(), 1e-9);
        assertEquals(4.5, r.dimension("safety").mean(), 1e-9);
        assertEquals(1.5, r.dimension("safety").spread(), 1e-9);
        assertEquals(5.25, r.dimension("overall").mean(), 1e-9);
        assertEquals(0.125, r.dimension("overall").spread(), 1e-9);

        assertEquals(6, model.requests.size());
        for (int k = 0; k < 6; k++) {
            TextCompletion.Request q = model.requests.get(k);
            assertEquals(k, q.seed(), "the k-th call samples with seed k");
            assertEquals(List.of(JudgeScore.FIELDS), q.format().fields());
            assertEquals(0, q.format().min());
            assertEquals(10, q.format().max());
            assertTrue(q.prompt().contains("REFERENCE:") && q.prompt().contains("CANDIDATE:"), q.prompt());
        }
        // the sample of 2 out of 7 is results 0 and 3, the same cases in every run
        assertTrue(model.requests.get(0).prompt().contains("Category: resource"), model.requests.get(0).prompt());
        assertTrue(model.requests.get(1).prompt().contains("Category: image"), model.requests.get(1).prompt());
        assertEquals(model.requests.get(1).prompt(), model.requests.get(5).prompt());

        Map<String, Object> m = e.toMap();
        assertEquals("scripted-judge", m.get("model"));
        assertEquals(7, m.get("sampled_from"));
        assertEquals(3, m.get("runs"));
        assertEquals(2, m.get("cases"));
        @SuppressWarnings("unchecked")
        Map<String, Object> eff = (Map<String, Object>) m.get("effectiveness");
        assertEquals(5.85, (double) eff.get("mean"), 1e-9);
        assertEquals(0.35, (double) eff.get("spread"), 1e-9);
    }

    @Test
    void oneRunHasNoSpreadAndTheReportShowsTheTable() {
        ScriptedModel model = new ScriptedModel(seed -> A);
        List<ScenarioResult> rs = results(3);
        JudgeEvaluation e = JudgeEvaluation.run(ModelJudge.using(model), rs, 50, 1, done -> { });
        assertEquals(3, e.runs().cases(), "fewer results than asked: all of them");
        assertEquals(5.125, e.runs().dimension("overall").mean(), 1e-9);
        assertEquals(0, e.runs().dimension("overall").spread(), 0);
        String html = EvalReport.html("s.jsonl", new EvalRun("frozen", false, Ablation.NONE, rs, 1), List.of(), e);
        assertTrue(html.contains("id=\"judge-table\""), "the judge table");
        assertTrue(html.contains("<td>effectiveness</td><td>0.4 root cause + 0.3 resolution + 0.3 prevention</td>"
                + "<td>5.50</td><td>± 0.00</td>"), html);
        assertTrue(html.contains("scripted-judge graded 3 of 3"), html);
        String without = EvalReport.html("s.jsonl", new EvalRun("frozen", false, Ablation.NONE, rs, 1), List.of());
        assertTrue(!without.contains("judge-table"), "no judge, no table");
    }

    @Test
    void theSampleIsEvenlySpacedAndDeterministic() {
        List<ScenarioResult> rs = results(10);
        List<JudgeCase> four = JudgeCase.sample(rs, 4);
        assertEquals(List.of(JudgeCase.of(rs.get(0).scenario(), rs.get(0).diagnosis()),
                JudgeCase.of(rs.get(2).scenario(), rs.get(2).diagnosis()),
                JudgeCase.of(rs.get(5).scenario(), rs.get(5).diagnosis()),
                JudgeCase.of(rs.get(7).scenario(), rs.get(7).diagnosis())), four);
        assertEquals(four, JudgeCase.sample(rs, 4));
        assertEquals(10, JudgeCase.sample(rs, 50).size());
        assertThrows(IllegalArgumentException.class, () -> JudgeCase.sample(rs, 0));
    }

    @Test
    void aModelWithoutCompletionCannotJudgeAndTheMessageNamesIt() {
        try (DiagnosticModel template = TemplateModelProvider.newModel()) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelJudge.using(template));
            assertTrue(e.getMessage().contains("'" + template.name() + "'")
                    && e.getMessage().contains("cannot act as judge"), e.getMessage());
        }
        DiagnosticModel bare = new DiagnosticModel() {
            @Override
            public String name() {
                return "bare-model";
            }

            @Override
            public ModelAnswer answer(ModelRequest request) {
                throw new AssertionError();
            }

            @Override
            public void close() {
            }
        };
        assertTrue(assertThrows(InvalidInputException.class, () -> ModelJudge.using(bare)).getMessage()
                .contains("'bare-model' has no free-form completion"));
    }
}

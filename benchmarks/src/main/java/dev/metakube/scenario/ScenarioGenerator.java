package dev.metakube.scenario;

import dev.metakube.api.Category;
import dev.metakube.api.ClusterContext;
import dev.metakube.api.Evidence;
import dev.metakube.api.EvidenceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Generates evaluation scenarios in the paper's KubeFault form (appendix A.1): the same seed gives the same
 * scenarios, byte for byte once written by {@link ScenarioJson}.
 *
 * <p>Categories follow the paper's mix of 1,873 scenarios (resource 412, network 387, scheduling 298, image
 * 276, configuration 315, system 185), scaled by largest remainder for other counts, and are interleaved in
 * a seeded order. Within a category the faults of the catalogue take turns in seeded rounds, so every fault
 * recurs about equally often, each time in a different dress.
 *
 * <pre>{@code
 * List<GeneratedScenario> set = new ScenarioGenerator(7).generate(1873);
 * }</pre>
 */
public final class ScenarioGenerator {
    /** The number of scenarios in the paper's benchmark. */
    public static final int PAPER_TOTAL = 1873;

    private static final Map<Category, Integer> PAPER_MIX = paperMix();
    private static final List<String> LEAD_INS = List.of(
            "", "", "", "Paged at ${time}: ", "From the ${team} on-call channel: ", "Ticket from team ${team}: ",
            "Alert escalated by the ${env} on-call: ", "Reported by a developer: ", "Incident note: ");
    private static final List<String> TAILS = List.of(
            "", "", "", " Nobody on the team remembers changing anything.", " It started about ${mins} minutes ago.",
            " A rollback has not been tried yet.", " Only ${env} is affected so far.",
            " We need a pointer to what to look at first.", " The dashboards turned red around ${time}.");

    private final long seed;
    private final FaultCatalog catalog;

    /** A generator over the bundled fault catalogue. */
    public ScenarioGenerator(long seed) {
        this.seed = seed;
        this.catalog = FaultCatalog.bundled();
    }

    /** The number of distinct faults per category in the catalogue. */
    public Map<Category, Integer> faultCounts() {
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            out.put(c, catalog.faults(c).size());
        }
        return out;
    }

    /**
     * How many scenarios of each category a set of {@code count} holds: the paper's proportions, rounded by
     * largest remainder so that the counts add up to {@code count} (ties go to the earlier category).
     */
    public static Map<Category, Integer> mix(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        Map<Category, Integer> out = new EnumMap<>(Category.class);
        double[] remainder = new double[Category.values().length];
        int assigned = 0;
        for (Category c : Category.values()) {
            double exact = (double) count * PAPER_MIX.get(c) / PAPER_TOTAL;
            int floor = (int) Math.floor(exact);
            out.put(c, floor);
            remainder[c.ordinal()] = exact - floor;
            assigned += floor;
        }
        for (int left = count - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainder.length; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            Category c = Category.values()[best];
            out.put(c, out.get(c) + 1);
            remainder[best] = -1;
        }
        return out;
    }

    /** Generates {@code count} scenarios, ids {@code gen-00001} onwards. */
    public List<GeneratedScenario> generate(int count) {
        return generate(count, done -> { });
    }

    /** Generates {@code count} scenarios; {@code progress} is told after each how many are done. */
    public List<GeneratedScenario> generate(int count, IntConsumer progress) {
        Map<Category, Integer> mix = mix(count);
        List<Category> order = new ArrayList<>(count);
        mix.forEach((c, n) -> order.addAll(Collections.nCopies(n, c)));
        Random scheduleRandom = new Random(seed);
        Collections.shuffle(order, scheduleRandom);

        Map<Category, FaultRounds> rounds = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            rounds.put(c, new FaultRounds(catalog.faults(c), new Random(seed * 31 + c.ordinal())));
        }
        List<GeneratedScenario> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Category c = order.get(i);
            FaultTemplate fault = rounds.get(c).next();
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
            out.add(render(String.format(Locale.ROOT, "gen-%05d", i + 1), fault, r));
            progress.accept(i + 1);
        }
        return out;
    }

    /** Renders one fault in a fresh dress; package-private so tests can render every fault directly. */
    static GeneratedScenario render(String id, FaultTemplate f, Random r) {
        Map<String, String> v = new LinkedHashMap<>(Dress.draw(r));
        for (Map.Entry<String, String> e : f.vars().entrySet()) {
            v.put(e.getKey(), variable(e.getValue(), v, r));
        }
        v.put("describe_head", Clutter.describeHead(v, f.phase()));

        String symptoms = (TemplateText.render(Dress.pick(r, LEAD_INS), v, r)
                + TemplateText.render(Dress.pick(r, f.symptoms()), v, r)
                + TemplateText.render(Dress.pick(r, TAILS), v, r)).trim();

        List<Evidence> evidence = new ArrayList<>();
        if (!f.podState().isEmpty()) {
            evidence.add(new Evidence(EvidenceKind.STATUS, "kubectl get pods -n " + v.get("ns"),
                    Clutter.podTable(r, v, f.podState(), f.podReady(), r.nextBoolean())));
        }
        for (FaultTemplate.EvidenceTemplate t : f.evidence()) {
            String text = TemplateText.render(t.text(), v, r);
            if (t.noise()) {
                text = Clutter.logNoise(r, v) + text;
            }
            evidence.add(new Evidence(EvidenceKind.parse(t.kind()), TemplateText.render(t.source(), v, r),
                    text.endsWith("\n") ? text : text + "\n"));
        }
        List<Clutter.Event> events = new ArrayList<>();
        for (String line : f.events()) {
            String[] parts = TemplateText.render(line, v, r).split("\\|", 4);
            if (parts.length != 4) {
                throw new IllegalStateException("fault " + f.id() + ": event line needs Type|Reason|object|message: "
                        + line);
            }
            events.add(new Clutter.Event(5 + r.nextInt(1500), parts[0], parts[1], parts[2], parts[3]));
        }
        events.addAll(Clutter.routineEvents(r, v));
        events.add(Clutter.oldWarning(r, v));
        int at = evidence.isEmpty() ? 0 : 1 + r.nextInt(evidence.size());
        evidence.add(at, new Evidence(EvidenceKind.EVENTS, "kubectl get events -n " + v.get("ns"),
                Clutter.eventTable(events)));

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", v.get("app"));
        labels.put("team", v.get("team"));
        labels.put("environment", v.get("env"));
        ClusterContext context = new ClusterContext(v.get("ns"), f.contextKind(),
                TemplateText.render(f.contextName(), v, r), v.get("k8s"), labels);
        List<String> chain = renderAll(f.causalChain(), v, r);
        return new GeneratedScenario(id, f.label(), symptoms, context, evidence,
                TemplateText.render(Dress.pick(r, f.rootCause()), v, r), renderAll(f.rootCauseKeywords(), v, r),
                renderAll(f.fixKeywords(), v, r), chain, TemplateText.render(Dress.pick(r, f.fix()), v, r), f.id());
    }

    private static List<String> renderAll(List<String> templates, Map<String, String> v, Random r) {
        List<String> out = new ArrayList<>(templates.size());
        for (String t : templates) {
            out.add(TemplateText.render(t, v, r));
        }
        return out;
    }

    private static String variable(String spec, Map<String, String> v, Random r) {
        if (spec.startsWith("pick ")) {
            String[] options = spec.substring(5).split("\\|", -1);
            return TemplateText.render(options[r.nextInt(options.length)].trim(), v, r);
        }
        if (spec.startsWith("int ")) {
            String[] bounds = spec.substring(4).trim().split(" +");
            int lo = Integer.parseInt(bounds[0]);
            int hi = Integer.parseInt(bounds[1]);
            return Integer.toString(lo + r.nextInt(hi - lo + 1));
        }
        return TemplateText.render(spec, v, r);
    }

    private static Map<Category, Integer> paperMix() {
        Map<Category, Integer> m = new EnumMap<>(Category.class);
        m.put(Category.RESOURCE, 412);
        m.put(Category.NETWORK, 387);
        m.put(Category.SCHEDULING, 298);
        m.put(Category.IMAGE, 276);
        m.put(Category.CONFIGURATION, 315);
        m.put(Category.SYSTEM, 185);
        return Collections.unmodifiableMap(m);
    }

    /** Hands out a category's faults in seeded rounds: each round is a fresh permutation of all of them. */
    private static final class FaultRounds {
        private final List<FaultTemplate> faults;
        private final Random random;
        private final List<FaultTemplate> round = new ArrayList<>();

        FaultRounds(List<FaultTemplate> faults, Random random) {
            this.faults = faults;
            this.random = random;
        }

        FaultTemplate next() {
            if (round.isEmpty()) {
                round.addAll(faults);
                Collections.shuffle(round, random);
            }
            return round.remove(round.size() - 1);
        }
    }
}

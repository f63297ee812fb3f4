package dev.metakube.engine;

import dev.metakube.api.Pathway;

/** The last labelled diagnoses, for the precision figures of {@link EngineStats}. Thread-safe. */
final class RecentOutcomes {
    private final Lesson.RecentSample[] ring;
    private int size;
    private int next;

    RecentOutcomes(int capacity) {
        this.ring = new Lesson.RecentSample[capacity];
    }

    synchronized void add(Lesson.RecentSample s) {
        ring[next] = s;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    synchronized EngineStats.Recent summary() {
        int intuitive = 0;
        int intuitiveRight = 0;
        int analytical = 0;
        int analyticalRight = 0;
        int candidates = 0;
        int candidatesRight = 0;
        for (int i = 0; i < size; i++) {
            Lesson.RecentSample s = ring[i];
            if (s.pathway() == Pathway.INTUITIVE) {
                intuitive++;
                intuitiveRight += s.right() ? 1 : 0;
            } else {
                analytical++;
                analyticalRight += s.right() ? 1 : 0;
            }
            if (s.hadCandidate()) {
                candidates++;
                candidatesRight += s.fastRight() ? 1 : 0;
            }
        }
        return new EngineStats.Recent(ring.length, size, ratio(intuitive, size), ratio(intuitiveRight, intuitive),
                ratio(analyticalRight, analytical), ratio(intuitiveRight + analyticalRight, size),
                ratio(candidatesRight, candidates));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}

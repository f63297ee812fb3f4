package dev.metakube.engine;

import dev.metakube.api.BackendUnavailableException;
import dev.metakube.spi.ExperienceLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ExperienceLog} in memory for tests: {@link #handle()} gives another engine's view of the same store,
 * each follower is woken on a thread of its own (as a real one is), and {@link #down(boolean)} makes the store
 * unreachable.
 */
final class InMemoryExperienceLog {
    private final List<ExperienceLog.Entry> entries = new ArrayList<>();
    private final Map<String, Long> keys = new HashMap<>();
    private final List<Runnable> followers = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    void down(boolean down) {
        this.down = down;
        if (!down) {
            followers.forEach(Runnable::run); // a reconnection catches up
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** One engine's connection to the store. */
    ExperienceLog handle() {
        return new ExperienceLog() {
            private Runnable mine;
            private java.util.concurrent.ExecutorService thread;

            @Override
            public long append(String key, String origin, byte[] payload, float[] embedding) {
                long seq;
                synchronized (InMemoryExperienceLog.this) {
                    check();
                    Long known = keys.get(key);
                    if (known != null) {
                        return known;
                    }
                    seq = entries.size() + 1;
                    entries.add(new Entry(seq, key, origin, payload.clone(), embedding == null ? null : embedding.clone()));
                    keys.put(key, seq);
                }
                followers.forEach(Runnable::run);
                return seq;
            }

            @Override
            public List<Entry> readAfter(long afterSeq, int limit) {
                synchronized (InMemoryExperienceLog.this) {
                    check();
                    int from = (int) Math.min(afterSeq, entries.size());
                    return List.copyOf(entries.subList(from, Math.min(entries.size(), from + limit)));
                }
            }

            @Override
            public void follow(Runnable wake) {
                thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "in-memory-follower");
                    t.setDaemon(true);
                    return t;
                });
                mine = () -> thread.execute(() -> {
                    try {
                        wake.run();
                    } catch (BackendUnavailableException e) {
                        // as a real follower: retried at the next wake
                    }
                });
                followers.add(mine);
            }

            @Override
            public String describe() {
                return "in memory";
            }

            @Override
            public void close() {
                followers.remove(mine);
                if (thread != null) {
                    thread.shutdownNow();
                }
            }
        };
    }

    private void check() {
        if (down) {
            throw new BackendUnavailableException("the in-memory store is down");
        }
    }
}

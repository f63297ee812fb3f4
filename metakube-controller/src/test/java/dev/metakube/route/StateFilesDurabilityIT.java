package dev.metakube.route;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.metakube.contract.DurableStoreContract;
import dev.metakube.durable.Fsync;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The crash tests on the router's state files: the whole set of keys is rewritten at each write. */
class StateFilesDurabilityIT extends DurableStoreContract {
    private static Path file(Path dir) {
        return dir.resolve("state.json");
    }

    @Override
    protected Subject open(Path dir, Fsync fsync) {
        Set<String> keys = new LinkedHashSet<>();
        StateFiles.read(file(dir), fsync).ifPresent(n -> n.path("keys").forEach(k -> keys.add(k.asText())));
        return new Subject() {
            @Override
            public void write(String key) {
                Set<String> next = new LinkedHashSet<>(keys);
                next.add(key);
                var root = StateFiles.json().createObjectNode();
                ArrayNode a = root.putArray("keys");
                next.forEach(a::add);
                StateFiles.write(file(dir), root, fsync);
                keys.add(key);
            }

            @Override
            public boolean contains(String key) {
                return keys.contains(key);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    protected List<Path> dataFiles(Path dir) {
        return List.of(file(dir));
    }

    @Override
    protected Layout layout() {
        return Layout.ATOMIC_FILE;
    }
}

package dev.metakube.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.List;
import java.util.Locale;

/** Events as {@code kubectl get events} prints them, core and {@code events.k8s.io} alike. */
final class EventLines {
    private EventLines() {
    }

    /** The time an event was last seen, as text that sorts in time order (RFC 3339). */
    static String time(Object e) {
        if (e instanceof Event c) {
            return first(c.getLastTimestamp(), c.getEventTime() == null ? null : c.getEventTime().getTime(),
                    c.getFirstTimestamp(), c.getMetadata().getCreationTimestamp());
        }
        var n = (io.fabric8.kubernetes.api.model.events.v1.Event) e;
        return first(n.getSeries() == null || n.getSeries().getLastObservedTime() == null ? null
                        : n.getSeries().getLastObservedTime().getTime(),
                n.getEventTime() == null ? null : n.getEventTime().getTime(), n.getDeprecatedLastTimestamp(),
                n.getMetadata().getCreationTimestamp());
    }

    static String render(List<Object> events) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s %-8s %-24s %-40s %s%n", "LAST SEEN",
                "TYPE", "REASON", "OBJECT", "MESSAGE"));
        List<Object> sorted = new java.util.ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(EventLines::time));
        for (Object o : sorted) {
            String type;
            String reason;
            ObjectReference r;
            String message;
            int count;
            if (o instanceof Event c) {
                type = c.getType();
                reason = c.getReason();
                r = c.getInvolvedObject();
                message = c.getMessage();
                count = c.getCount() == null ? 1 : c.getCount();
            } else {
                var n = (io.fabric8.kubernetes.api.model.events.v1.Event) o;
                type = n.getType();
                reason = n.getReason();
                r = n.getRegarding();
                message = n.getNote();
                count = n.getSeries() != null && n.getSeries().getCount() != null ? n.getSeries().getCount()
                        : n.getDeprecatedCount() == null ? 1 : n.getDeprecatedCount();
            }
            String object = r.getKind().toLowerCase(Locale.ROOT) + "/" + r.getName();
            b.append(String.format(Locale.ROOT, "%-22s %-8s %-24s %-40s %s%s%n", time(o), nz(type), nz(reason), object,
                    nz(message).replace('\n', ' '), count > 1 ? " (x" + count + ")" : ""));
        }
        return b.toString();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

package dev.metakube.kubernetes;

import dev.metakube.api.InvalidInputException;
import java.time.Duration;

/**
 * Bounds on one collection. Whatever the cluster does, a collection ends within {@code total} (plus the time to
 * render what it gathered), reads at most {@code maxLogBytes} of each log and keeps at most {@code maxObjects}
 * objects of each kind; each bound it meets is stated in the incident.
 *
 * @param total          the time budget of the whole collection
 * @param perRequest     the time budget of one request to the API server
 * @param logTailLines   lines asked for at the end of each container log
 * @param maxLogBytes    bytes read at most from each container log (current and previous alike)
 * @param maxObjects     objects kept at most of each kind listed (Services, events, NetworkPolicies...)
 * @param maxPods        Pods of a workload examined in detail (logs, node, references); unhealthy Pods first
 * @param parallelism    requests in flight at once
 */
public record CollectionLimits(Duration total, Duration perRequest, int logTailLines, int maxLogBytes, int maxObjects,
                               int maxPods, int parallelism) {
    public CollectionLimits {
        if (total == null || total.isNegative() || total.isZero()) {
            throw new InvalidInputException("limits.total", "must be a positive duration, was " + total);
        }
        if (perRequest == null || perRequest.isNegative() || perRequest.isZero()) {
            throw new InvalidInputException("limits.perRequest", "must be a positive duration, was " + perRequest);
        }
        if (logTailLines < 1 || maxLogBytes < 1 || maxObjects < 1 || maxPods < 1 || parallelism < 1) {
            throw new InvalidInputException("limits", "counts must be at least 1: " + logTailLines + " lines, "
                    + maxLogBytes + " log bytes, " + maxObjects + " objects, " + maxPods + " pods, " + parallelism
                    + " requests in flight");
        }
    }

    /** 20 s in all, 5 s a request, the last 200 lines and at most 256 KiB of each log, 50 objects a kind,
     *  3 Pods of a workload, 8 requests in flight. */
    public static CollectionLimits defaults() {
        return new CollectionLimits(Duration.ofSeconds(20), Duration.ofSeconds(5), 200, 256 * 1024, 50, 3, 8);
    }

    /** These limits with another total budget. */
    public CollectionLimits withTotal(Duration newTotal) {
        return new CollectionLimits(newTotal, perRequest, logTailLines, maxLogBytes, maxObjects, maxPods, parallelism);
    }

    /** These limits with another budget per request. */
    public CollectionLimits withPerRequest(Duration newPerRequest) {
        return new CollectionLimits(total, newPerRequest, logTailLines, maxLogBytes, maxObjects, maxPods, parallelism);
    }

    /** These limits with another bound on the bytes of each log. */
    public CollectionLimits withMaxLogBytes(int bytes) {
        return new CollectionLimits(total, perRequest, logTailLines, bytes, maxObjects, maxPods, parallelism);
    }
}

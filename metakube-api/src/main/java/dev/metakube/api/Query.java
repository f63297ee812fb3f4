package dev.metakube.api;

import java.time.Instant;
import java.util.List;

/**
 * What memory retrieval is asked: the incident reduced to text, signals, context and its embedding.
 *
 * @param text      the (redacted) text that was embedded
 * @param signals   the incident's signals
 * @param context   where it happened
 * @param embedding the embedding of {@code text}
 * @param at        the time of the query, for recency
 */
public record Query(String text, List<Signal> signals, ClusterContext context, Embedding embedding, Instant at) {
    public Query {
        text = Require.orEmpty(text);
        signals = Require.list(signals, "query.signals");
        context = context == null ? ClusterContext.EMPTY : context;
        embedding = Require.nonNull(embedding, "query.embedding");
        at = at == null ? Instant.now() : at;
    }
}

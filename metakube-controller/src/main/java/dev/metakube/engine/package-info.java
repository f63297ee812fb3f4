/**
 * The engine: {@link dev.metakube.engine.MetaKube}, a small facade assembled by
 * {@link dev.metakube.engine.EngineBuilder} over named parts.
 *
 * <ul>
 *   <li>{@code Diagnoser}: one diagnosis by either pathway (redaction, evidence analysis by the
 *       {@link dev.metakube.spi.EvidenceAnalyzer}, recall, routing, then the intuitive answer from memory or the
 *       analytical one from graph search and the model). It weighs the confidence by how strongly the incident's
 *       own evidence supports the cause, replaces names of objects absent from the incident, and below the
 *       confidence floor ({@code metakube.diagnosis.confidenceFloor}) says that no cause is established and what
 *       evidence to collect next.</li>
 *   <li>{@code IncidentRedaction}: secrets leave incidents and feedback before any backend sees them.</li>
 *   <li>{@code FeedbackIntake}: which feedback is accepted (unknown, repeated, contradicting reports).</li>
 *   <li>{@link dev.metakube.engine.Learner}: what accepted feedback teaches. The engine's own is a
 *       {@code LessonPlanner}, deciding which memories and graph causes get credit or blame within hourly
 *       change budgets, and a {@code LessonApplier}, applying each lesson step by step through the feedback
 *       journal so that a crash leaves nothing half-learned.</li>
 *   <li>{@code Bootstrap}: checks the memory matches the embedder, seeds an empty memory with the bundled
 *       experience and completes lessons a crash left half-applied.</li>
 * </ul>
 *
 * <p>Three numbers say how far to believe an answer, each with its own word: a memory's <em>relevance</em>, the
 * memory store's own, ranks it in recall; the router's <em>trust score</em> {@code C} of a memory, over the trust
 * factors that {@code RouterFeatures} alone computes from what the store recalled, decides the pathway; the
 * <em>confidence</em>, the calibrated probability that an answer is right, is what a diagnosis, its hypotheses and
 * the model's memories carry. Ablations are assembled with stand-ins ({@link dev.metakube.standin}); the engine never asks whether a
 * part is on.
 */
package dev.metakube.engine;

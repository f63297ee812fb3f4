/**
 * Stand-in backends that switch one part of the engine off, for measuring what that part contributes (the
 * paper's ablation study): an engine is assembled with them instead of the real ones, and the engine itself
 * never asks whether a part is on. {@link dev.metakube.standin.NoMemory} recalls nothing,
 * {@link dev.metakube.standin.StaticGraph} learns nothing, {@link dev.metakube.standin.AnalysisOnlyGraph}
 * searches nothing, {@link dev.metakube.standin.IdentityCalibrator} leaves raw scores uncalibrated, and
 * {@link dev.metakube.engine.Learner#ignoringFeedback()} acknowledges feedback and learns nothing from it.
 */
package dev.metakube.standin;
